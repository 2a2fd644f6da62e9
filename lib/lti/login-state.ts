import "server-only";
import { timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { hashBrowserValue } from "@/lib/lti/browser-binding";
import { targetFromState } from "@/lib/lti/platform-storage";

export type LoginState = {
  state: string;
  integrationId: string;
  nonce: string;
  targetLinkUri: string;
  deploymentId: string | null;
};

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

/**
 * The login state for a launch: known, unexpired, from this browser, and now used. Marking it
 * used is one conditional UPDATE, so of two requests racing with the same state one loses.
 */
export async function consumeLoginState(state: string, browser: string | null, storageTried = false): Promise<LoginState> {
  // The usual launch: known, unused, unexpired and from this browser, used up in one statement.
  if (browser) {
    const [used] = await prisma.$queryRaw<Omit<LoginState, "state">[]>`
      update "LtiLoginState" set "usedAt" = now()
      where state = ${state} and "usedAt" is null and "expiresAt" > now() and "browserHash" = ${hashBrowserValue(browser)}
      returning "integrationId", nonce, "targetLinkUri", "deploymentId"`;
    if (used) return { state, ...used };
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
  return { state, integrationId, nonce: row.nonce, targetLinkUri: row.targetLinkUri, deploymentId: row.deploymentId };
}

/** Was this nonce issued for a login that has already been completed? (a replayed id_token) */
export async function isNonceSpent(nonce: string): Promise<boolean> {
  const row = await prisma.ltiLoginState.findUnique({ where: { nonce }, select: { usedAt: true } });
  return Boolean(row?.usedAt);
}
