import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

// Callers are administrators only (a server action behind requireAdmin, or the CLI on the
// server): these functions return the secret in clear text and never log it.

/** A new LTI 1.1 shared secret: 32 random bytes as base64url, 43 characters. */
export function generateSharedSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A fresh secret and its encrypted form, for creating an integration. */
export function newSealedSharedSecret(): { sharedSecret: string; sharedSecretEnc: string } {
  const sharedSecret = generateSharedSecret();
  return { sharedSecret, sharedSecretEnc: encryptSecret(sharedSecret) };
}

async function findLti11(integrationId: string) {
  const integration = await prisma.integration.findUnique({ where: { id: integrationId }, select: { kind: true, sharedSecretEnc: true } });
  if (!integration) throw new AppError("NOT_FOUND", "That integration does not exist.");
  if (integration.kind !== "LTI11") throw new AppError("BAD_INPUT", "Only LTI 1.1 integrations have a shared secret.");
  return integration;
}

/**
 * Replaces the shared secret. The old one stops working at once: launches are verified against
 * whatever is stored when they arrive. Returns the new secret to show to the administrator.
 */
export async function rotateSharedSecret(integrationId: string): Promise<{ sharedSecret: string }> {
  await findLti11(integrationId);
  const { sharedSecret, sharedSecretEnc } = newSealedSharedSecret();
  await prisma.integration.update({ where: { id: integrationId }, data: { sharedSecretEnc } });
  return { sharedSecret };
}

/** The current shared secret in clear text, for an administrator to copy again. */
export async function revealSharedSecret(integrationId: string): Promise<{ sharedSecret: string }> {
  const integration = await findLti11(integrationId);
  if (!integration.sharedSecretEnc) throw new AppError("NOT_FOUND", "This integration has no shared secret yet; generate one.");
  return { sharedSecret: decryptSecret(integration.sharedSecretEnc) };
}
