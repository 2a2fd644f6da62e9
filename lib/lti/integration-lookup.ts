import "server-only";
import { prisma } from "@/lib/db";
import { LtiError } from "@/lib/lti/errors";

export type ReadyIntegration = {
  id: string;
  issuer: string;
  clientId: string;
  authUrl: string;
  jwksUrl: string;
};

/** An enabled LTI 1.3 integration with everything a launch needs, or a named error. */
export function ensureReady(integration: {
  id: string;
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  authUrl: string | null;
  jwksUrl: string | null;
}): ReadyIntegration {
  const { id, issuer, clientId, authUrl, jwksUrl } = integration;
  if (!integration.enabled) {
    throw new LtiError("LTI_INTEGRATION_DISABLED", "This integration is disabled.", { status: 403, integrationId: id });
  }
  if (!issuer || !clientId || !authUrl || !jwksUrl) {
    throw new LtiError("LTI_INTEGRATION_INCOMPLETE", "The integration lacks its client ID, auth URL or JWKS URL.", { integrationId: id });
  }
  return { id, issuer, clientId, authUrl, jwksUrl };
}

/** The integration a login initiation is for: issuer, plus client ID and deployment when sent. */
export async function findLoginIntegration(iss: string, clientId?: string, deploymentId?: string): Promise<ReadyIntegration> {
  let candidates = await prisma.integration.findMany({
    where: { kind: "LTI13", issuer: iss, ...(clientId ? { clientId } : {}) },
    include: { deployments: { select: { deploymentId: true } } },
    take: 20,
  });
  if (candidates.length === 0) {
    throw new LtiError("LTI_INTEGRATION_UNKNOWN", "No integration is registered for this issuer and client ID.");
  }
  if (candidates.length > 1 && deploymentId) {
    candidates = candidates.filter((c) => c.deployments.some((d) => d.deploymentId === deploymentId));
    if (candidates.length === 0) throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "No integration for this issuer has that deployment ID.");
  }
  if (candidates.length !== 1) {
    throw new LtiError("LTI_CLIENT_ID_REQUIRED", "Several integrations share this issuer: the platform must send client_id.");
  }
  const integration = candidates[0]!;
  const ready = ensureReady(integration);
  if (deploymentId && !integration.deployments.some((d) => d.deploymentId === deploymentId)) {
    throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "The deployment ID is not registered for this integration.", { integrationId: integration.id });
  }
  return ready;
}
