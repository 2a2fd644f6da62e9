import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM for secrets at rest (LTI 1.1 shared secrets, tool private keys).
// Format: "v1.<iv>.<tag>.<ciphertext>", base64url parts. The version leaves room for key rotation.

/**
 * A stored secret that does not open with ENCRYPTION_KEY: the key changed since it was written
 * (or the value is damaged). Named so that callers can say so instead of failing with a 500.
 */
export class SecretUnreadableError extends Error {
  readonly code = "SECRET_UNREADABLE";
  constructor(cause?: unknown) {
    super("A stored secret could not be decrypted with ENCRYPTION_KEY", { cause });
    this.name = "SecretUnreadableError";
  }
}

let cached: { source: string; key: Buffer } | null = null;

/** The key from ENCRYPTION_KEY, decoded once. */
export function encryptionKey(): Buffer {
  if (cached?.source !== env.ENCRYPTION_KEY) cached = { source: env.ENCRYPTION_KEY, key: Buffer.from(env.ENCRYPTION_KEY, "base64") };
  return cached.key;
}

export function sealWithKey(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws SecretUnreadableError when the value is not ours or was sealed under another key. */
export function openWithKey(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new SecretUnreadableError(error);
  }
}

export function encryptSecret(plaintext: string): string {
  return sealWithKey(encryptionKey(), plaintext);
}

export function decryptSecret(sealed: string): string {
  return openWithKey(encryptionKey(), sealed);
}
