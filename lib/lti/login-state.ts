import "server-only";
import { timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import { sql } from "@/lib/sql";
import { appOrigin } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { hashBrowserValue } from "@/lib/lti/browser-binding";
import { targetFromState } from "@/lib/lti/platform-storage";
import { INTEGRATION_COLUMNS, findIntegration, type IntegrationRow } from "@/lib/lti/integration-lookup";

export const STATE_TTL_MS = 10 * 60 * 1000;

export type LoginState = {
  state: string;
  integrationId: string;
  nonce: string;
  targetLinkUri: string;
  deploymentId: string | null;
  /** The integration the login was for, as it is now. */
  integration: IntegrationRow | null;
};

export type NewLoginState = {
  state: string;
  nonce: string;
  browserHash: string;
  targetLinkUri: string;
  deploymentId: string | null;
  loginHint: string;
  messageHint: string | null;
};

// Login initiation in one statement: find the integrations for the issuer (and client ID) and,
// when exactly one is left after the deployment filter and it is enabled and complete (the rule
// of pickLoginIntegration), store the state for it. The candidates come back either way, so the
// caller names what is wrong. $1 issuer, $2 client ID, $3 deployment ID, $4 whether to store.
const ISSUE = `
  with candidates as (
    select ${INTEGRATION_COLUMNS} from "Integration" i
    where i.kind = 'LTI13' and i.issuer = $1 and ($2::text is null or i."clientId" = $2)
    limit 20),
  picked as (select * from candidates c where $3::text is null or $3 = any(c.deployments)),
  stored as (
    insert into "LtiLoginState" (state, "integrationId", nonce, "browserHash", "targetLinkUri", "deploymentId", "loginHint", "messageHint", "expiresAt", "createdAt")
    select $5, p.id, $6, $7, $8, $3, $9, $10, now() + make_interval(secs => $11), now()
    from picked p
    where $4 and (select count(*) from picked) = 1
      and p.enabled and p."clientId" is not null and p."authUrl" is not null and p."jwksUrl" is not null
    returning "integrationId")
  select c.*, exists (select 1 from stored) as stored from candidates c`;

/**
 * Stores a login's state for the integration the login is for, when there is exactly one
 * (see pickLoginIntegration) and `store` is set. Returns the candidates and whether it stored.
 */
export async function issueLoginState(
  by: { issuer: string; clientId: string | null; deploymentId: string | null; store: boolean },
  row: NewLoginState,
): Promise<{ candidates: IntegrationRow[]; stored: boolean }> {
  const rows = await sql<IntegrationRow & { stored: boolean }>("lti-issue-state", ISSUE, [
    by.issuer, by.clientId, by.deploymentId, by.store,
    row.state, row.nonce, row.browserHash, row.targetLinkUri, row.loginHint, row.messageHint, STATE_TTL_MS / 1000,
  ]);
  return { candidates: rows.map(({ stored: _stored, ...c }) => c), stored: rows.some((r) => r.stored) };
}

/** Deletes states that expired a while ago (they are kept a little longer to name LTI_STATE_EXPIRED). */
export async function purgeExpiredStates(now = new Date()): Promise<number> {
  const rows = await sql("lti-purge-login-states", `delete from "LtiLoginState" where "expiresAt" < $1 returning 1`, [new Date(now.getTime() - STATE_TTL_MS)]);
  return rows.length;
}

/** The binding cookie did not come back, but the platform may hold the value (postMessage storage). */
export class NeedsPlatformStorage extends Error {
  /** Filled in by verifyLaunch so the page can post the launch again. */
  launch: { idToken: string; state: string } | null = null;
  constructor(readonly target: string, readonly integrationId: string) {
    super("The browser binding must be read from the platform's storage.");
  }
}

/**
 * No binding cookie came back and the platform offers no storage: the browser blocks Folio's
 * cookies inside the LMS frame. The person can start the same launch again in a window of its own.
 */
export class NeedsNewWindow extends Error {
  constructor(readonly relaunchUrl: string, readonly integrationId: string) {
    super("Third-party cookies are blocked in the LMS frame; the launch must start again in a new window.");
  }
}

async function relaunchUrl(row: { integrationId: string; targetLinkUri: string; deploymentId: string | null; loginHint: string | null; messageHint: string | null }): Promise<string | null> {
  const integration = await prisma.integration.findUnique({ where: { id: row.integrationId }, select: { issuer: true, clientId: true } });
  if (!integration?.issuer || !row.loginHint) return null;
  const url = new URL(`${appOrigin}/api/lti/login`);
  const params: Record<string, string | null> = {
    iss: integration.issuer, login_hint: row.loginHint, target_link_uri: row.targetLinkUri,
    lti_message_hint: row.messageHint, client_id: integration.clientId, lti_deployment_id: row.deploymentId,
  };
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return url.toString();
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// $1 state, $2 hash of the browser binding value.
const CONSUME = `
  with used as (
    update "LtiLoginState" set "usedAt" = now()
    where state = $1 and "usedAt" is null and "expiresAt" > now() and "browserHash" = $2
    returning "integrationId", nonce, "targetLinkUri", "deploymentId")
  select u."integrationId", u.nonce, u."targetLinkUri", u."deploymentId", ${INTEGRATION_COLUMNS}
  from used u left join "Integration" i on i.id = u."integrationId" and i.kind = 'LTI13'`;

/**
 * The login state for a launch: known, unexpired, from this browser, and now used. Marking it
 * used is one conditional UPDATE, so of two requests racing with the same state one loses.
 */
export async function consumeLoginState(state: string, browser: string | null, storageTried = false): Promise<LoginState> {
  // The usual launch: known, unused, unexpired and from this browser, used up in one statement
  // that also reads the integration as it is now.
  if (browser) {
    const [used] = await sql<Omit<LoginState, "state" | "integration"> & IntegrationRow & { integrationId: string }>("lti-consume-state", CONSUME, [state, hashBrowserValue(browser)]);
    if (used) {
      const { integrationId, nonce, targetLinkUri, deploymentId, ...rest } = used;
      const integration = rest.id ? rest : null;
      return { state, integrationId, nonce, targetLinkUri, deploymentId, integration };
    }
  }
  // Otherwise find out which check fails, to name it.
  const row = await prisma.ltiLoginState.findUnique({ where: { state } });
  if (!row) throw new LtiError("LTI_STATE_UNKNOWN", "The launch state is unknown: the launch did not start here.");
  const integrationId = row.integrationId;
  if (row.usedAt) throw new LtiError("LTI_STATE_USED", "This launch state was already used.", { integrationId });
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new LtiError("LTI_STATE_EXPIRED", "The launch took too long to come back from the platform.", { integrationId });
  }
  const target = targetFromState(state);
  if (!browser && target && !storageTried) throw new NeedsPlatformStorage(target, integrationId);
  if (!browser && !target) {
    const url = await relaunchUrl(row);
    if (url) throw new NeedsNewWindow(url, integrationId);
  }
  if (!browser || !sameHash(hashBrowserValue(browser), row.browserHash)) {
    const detail = browser ? "the browser binding does not match" : "the browser sent no binding cookie (third-party cookies blocked?)";
    throw new LtiError("LTI_STATE_BROWSER_MISMATCH", `The launch came back in another browser: ${detail}.`, { integrationId });
  }
  const { count } = await prisma.ltiLoginState.updateMany({
    where: { state, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count !== 1) throw new LtiError("LTI_STATE_USED", "This launch state was already used.", { integrationId });
  const integration = await findIntegration(integrationId);
  return { state, integrationId, nonce: row.nonce, targetLinkUri: row.targetLinkUri, deploymentId: row.deploymentId, integration };
}

/** Was this nonce issued for a login that has already been completed? (a replayed id_token) */
export async function isNonceSpent(nonce: string): Promise<boolean> {
  const row = await prisma.ltiLoginState.findUnique({ where: { nonce }, select: { usedAt: true } });
  return Boolean(row?.usedAt);
}
