import "server-only";
import { compactVerify, decodeProtectedHeader, errors as joseErrors } from "jose";
import { z } from "zod";
import { readFormFields, type HttpRequest } from "@/lib/http/request";
import { appOrigin } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { consumeLoginState, isNonceSpent, NeedsPlatformStorage, type LoginState } from "@/lib/lti/login-state";
import { isBrowserValue, readBrowserValue } from "@/lib/lti/browser-binding";
import { targetFromState } from "@/lib/lti/platform-storage";
import { ensureReady, type ReadyIntegration } from "@/lib/lti/integration-lookup";
import { getPlatformKey } from "@/lib/lti/platform-jwks";
import { checkLtiClaims } from "@/lib/lti/launch-claims";
import { idTokenSchema, type IdToken, type MessageType } from "@/lib/lti/claims";

// The LTI 1.3 launch (OIDC authentication response): every check of the design's list, in
// order, each failure a named LtiError. Nothing here touches an account.

export const CLOCK_SKEW_S = 60;

export type VerifiedLaunch = {
  integration: ReadyIntegration & { accessKind: "FULL" | "PLAN"; planId: string | null };
  claims: IdToken;
  messageType: MessageType;
  deploymentId: string;
  subject: string;
  state: LoginState;
};

const formSchema = z.object({
  id_token: z.string().min(1).max(100_000),
  state: z.string().min(1).max(300),
  /** The browser binding value read back from platform storage (see platform-storage.ts). */
  lti_browser: z.string().max(100).optional(),
});

async function readForm(request: HttpRequest): Promise<z.infer<typeof formSchema>> {
  const fields = (await readFormFields(request)) ?? {};
  if (typeof fields.error === "string") {
    throw new LtiError("LTI_PLATFORM_ERROR", `The platform answered the login with an error: ${String(fields.error).slice(0, 100)}.`);
  }
  const parsed = formSchema.safeParse(fields);
  if (!parsed.success) throw new LtiError("LTI_REQUEST_INVALID", "The launch must be a form POST of id_token and state.");
  return parsed.data;
}

async function verifySignature(idToken: string, jwksUrl: string): Promise<unknown> {
  let header;
  try {
    header = decodeProtectedHeader(idToken);
  } catch {
    throw new LtiError("LTI_TOKEN_MALFORMED", "The id_token is not a signed JWT.");
  }
  if (header.alg !== "RS256") throw new LtiError("LTI_ALG_NOT_ALLOWED", `The id_token is signed with ${String(header.alg).slice(0, 20)}; only RS256 is accepted.`);
  if (typeof header.kid !== "string" || !header.kid) throw new LtiError("LTI_KID_MISSING", "The id_token header has no kid.");
  const key = await getPlatformKey(jwksUrl, header.kid);
  try {
    const { payload } = await compactVerify(idToken, key, { algorithms: ["RS256"] });
    return JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new LtiError("LTI_SIGNATURE_INVALID", "The id_token signature does not verify against the platform's key.");
    }
    throw new LtiError("LTI_TOKEN_MALFORMED", "The id_token could not be read.");
  }
}

async function checkRegisteredClaims(claims: IdToken, integration: ReadyIntegration, state: LoginState): Promise<void> {
  if (claims.iss !== integration.issuer) throw new LtiError("LTI_ISSUER_MISMATCH", "The id_token issuer is not the integration's issuer.");
  const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(integration.clientId)) throw new LtiError("LTI_AUDIENCE_MISMATCH", "The id_token audience does not contain Folio's client ID.");
  if (aud.length > 1) throw new LtiError("LTI_AUDIENCE_MISMATCH", "The id_token names audiences Folio does not trust.");
  if (claims.azp !== undefined && claims.azp !== integration.clientId) {
    throw new LtiError("LTI_AZP_MISMATCH", "The id_token azp is not Folio's client ID.");
  }
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp === undefined || claims.exp <= now - CLOCK_SKEW_S) throw new LtiError("LTI_TOKEN_EXPIRED", "The id_token has expired.");
  if (claims.iat === undefined || claims.iat > now + CLOCK_SKEW_S) throw new LtiError("LTI_IAT_IN_FUTURE", "The id_token was issued in the future (or has no iat).");
  if (claims.nonce !== state.nonce) {
    if (claims.nonce && (await isNonceSpent(claims.nonce))) throw new LtiError("LTI_NONCE_REUSED", "This id_token was already used for a launch.");
    throw new LtiError("LTI_NONCE_MISMATCH", "The id_token nonce is not the one issued for this login.");
  }
}

/**
 * Was this POST sent by a page on Folio's own origin? Browsers send Sec-Fetch-Site and Origin
 * with a form POST; a page on another site cannot set either.
 */
function fromOwnPage(request: HttpRequest): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site !== null && site !== "same-origin") return false;
  if (origin !== null) return origin === appOrigin;
  return site === "same-origin";
}

/**
 * A binding value posted in the form stands in for the cookie only where Folio itself asked for
 * it: a login that asked for platform storage (the target is part of the state, which the
 * platform cannot change), re-posted by Folio's own page (fetchAndResubmitPage). Otherwise
 * anyone could post their own id_token, state and binding value from another site into a
 * browser without the cookie and sign it into their account (login CSRF).
 */
function postedBinding(request: HttpRequest, form: z.infer<typeof formSchema>): string | null {
  if (!isBrowserValue(form.lti_browser) || !targetFromState(form.state)) return null;
  return fromOwnPage(request) ? form.lti_browser : null;
}

/** Verifies a launch POST; throws an LtiError naming the first check that fails. */
export async function verifyLaunch(request: HttpRequest): Promise<VerifiedLaunch> {
  const form = await readForm(request);
  const browser = readBrowserValue(request.headers.get("cookie")) ?? postedBinding(request, form);
  let state: LoginState;
  try {
    state = await consumeLoginState(form.state, browser, form.lti_browser !== undefined);
  } catch (error) {
    if (error instanceof NeedsPlatformStorage) error.launch = { idToken: form.id_token, state: form.state };
    throw error;
  }
  try {
    const row = state.integration;
    if (!row) throw new LtiError("LTI_INTEGRATION_UNKNOWN", "The integration for this launch no longer exists.");
    const ready = ensureReady(row);
    const integration = { ...ready, accessKind: row.accessKind, planId: row.planId };
    const parsed = idTokenSchema.safeParse(await verifySignature(form.id_token, ready.jwksUrl));
    if (!parsed.success) throw new LtiError("LTI_CLAIMS_INVALID", "The id_token claims have the wrong types.");
    const claims = parsed.data;
    await checkRegisteredClaims(claims, ready, state);
    const lti = checkLtiClaims(claims, row.deployments, state);
    return { integration, claims, state, ...lti };
  } catch (error) {
    throw error instanceof LtiError ? error.withIntegration(state.integrationId) : error;
  }
}
