import "server-only";
import { prisma } from "@/lib/db";
import { newSealedSharedSecret } from "@/lib/integrations/lti11-secret";
import type { IntegrationInput, IntegrationKindName } from "./schemas";
import { conflictFrom, integrationColumns, validateIntegration } from "./validate";

export type CreatedIntegration = {
  id: string;
  kind: IntegrationKindName;
  name: string;
  consumerKey: string | null;
  /** LTI 1.1 and SIGNED_LINK: the generated secret, in clear text for the administrator who created it. */
  sharedSecret: string | null;
};

/**
 * Creates an integration. No session check: for trusted callers (the CLI, and the server action
 * through `createIntegration`, which checks the administrator first).
 * LTI 1.3 registration values may be left out and filled in later with an update.
 */
export async function createIntegrationRecord(input: IntegrationInput): Promise<CreatedIntegration> {
  const { data, planId } = await validateIntegration(input);
  // SIGNED_LINK keeps its link-signing key in the same sealed column (docs/decisions/0025).
  const secret = data.kind === "LTI11" || data.kind === "SIGNED_LINK" ? newSealedSharedSecret() : null;
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
