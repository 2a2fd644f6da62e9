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
  let candidates = await findIntegrations({ issuer: iss, clientId: clientId ?? null });
  if (candidates.length === 0) {
    throw new LtiError("LTI_INTEGRATION_UNKNOWN", "No integration is registered for this issuer and client ID.");
  }
  if (candidates.length > 1 && deploymentId) {
    candidates = candidates.filter((c) => c.deployments.includes(deploymentId));
    if (candidates.length === 0) throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "No integration for this issuer has that deployment ID.");
  }
  if (candidates.length !== 1) {
    throw new LtiError("LTI_CLIENT_ID_REQUIRED", "Several integrations share this issuer: the platform must send client_id.");
  }
  const integration = candidates[0]!;
  const ready = ensureReady(integration);
  if (deploymentId && !integration.deployments.includes(deploymentId)) {
    throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "The deployment ID is not registered for this integration.", { integrationId: integration.id });
  }
  return ready;
}

export type IntegrationRow = {
  id: string;
  kind: string;
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  authUrl: string | null;
  jwksUrl: string | null;
  accessKind: "FULL" | "PLAN";
  planId: string | null;
  deployments: string[];
};

// One statement on the launch hot path (Prisma would compile and run two for the include).
export async function findIntegrations(by: { id: string } | { issuer: string; clientId: string | null }): Promise<IntegrationRow[]> {
  const id = "id" in by ? by.id : null;
  const issuer = "issuer" in by ? by.issuer : null;
  const clientId = "clientId" in by ? by.clientId : null;
  return prisma.$queryRaw<IntegrationRow[]>`
    select i.id, i.kind::text as kind, i.enabled, i.issuer, i."clientId", i."authUrl", i."jwksUrl",
           i."accessKind"::text as "accessKind", i."planId",
           coalesce(array_agg(d."deploymentId") filter (where d."deploymentId" is not null), '{}') as deployments
    from "Integration" i left join "LtiDeployment" d on d."integrationId" = i.id
    where i.kind = 'LTI13'
      and (${id}::text is null or i.id = ${id})
      and (${issuer}::text is null or i.issuer = ${issuer})
      and (${clientId}::text is null or i."clientId" = ${clientId})
    group by i.id
    limit 20`;
}
