import "server-only";
import { prisma } from "@/lib/db";
import { newSealedSharedSecret } from "@/lib/integrations/lti11-secret";
import type { IntegrationInput } from "./schemas";
import { conflictFrom, integrationColumns, validateIntegration } from "./validate";

export type CreatedIntegration = {
  id: string;
  kind: "LTI13" | "LTI11";
  name: string;
  consumerKey: string | null;
  /** LTI 1.1 only: the generated secret, in clear text for the administrator who created it. */
  sharedSecret: string | null;
};

/**
 * Creates an integration. No session check: for trusted callers (the CLI, and the server action
 * through `createIntegration`, which checks the administrator first).
 * LTI 1.3 registration values may be left out and filled in later with an update.
 */
export async function createIntegrationRecord(input: IntegrationInput): Promise<CreatedIntegration> {
  const { data, planId } = await validateIntegration(input);
  const secret = data.kind === "LTI11" ? newSealedSharedSecret() : null;
  try {
    const row = await prisma.integration.create({
      data: {
        ...integrationColumns(data, planId),
        kind: data.kind,
        sharedSecretEnc: secret?.sharedSecretEnc ?? null,
        deployments: { create: (data.deploymentIds ?? []).map((deploymentId) => ({ deploymentId })) },
      },
      select: { id: true, kind: true, name: true, consumerKey: true },
    });
    return { ...row, sharedSecret: secret?.sharedSecret ?? null };
  } catch (error) {
    return conflictFrom(error, data);
  }
}
