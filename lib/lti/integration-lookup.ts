import "server-only";
import { sql } from "@/lib/sql";
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

/**
 * Which of the integrations found for a login's issuer (and client ID) the login is for: the
 * deployment ID narrows it down when sent, and exactly one must remain, enabled and complete.
 * The state-storing statement (login-state.ts) applies the same rule in SQL.
 */
export function pickLoginIntegration(candidates: IntegrationRow[], deploymentId?: string): ReadyIntegration {
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

/** The integration columns a launch reads, with its deployment IDs, for an alias `i` of "Integration". */
export const INTEGRATION_COLUMNS = `i.id, i.kind::text as kind, i.enabled, i.issuer, i."clientId", i."authUrl", i."jwksUrl",
  i."accessKind"::text as "accessKind", i."planId",
  array(select d."deploymentId" from "LtiDeployment" d where d."integrationId" = i.id order by d."deploymentId") as deployments`;

const FIND = `select ${INTEGRATION_COLUMNS} from "Integration" i where i.id = $1 and i.kind = 'LTI13'`;

/** An LTI 1.3 integration by ID, or null. */
export async function findIntegration(id: string): Promise<IntegrationRow | null> {
  const [row] = await sql<IntegrationRow>("lti-find-integration", FIND, [id]);
  return row ?? null;
}
