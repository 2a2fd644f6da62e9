import "server-only";
import type { HttpRequest } from "@/lib/http/request";
import { z } from "zod";
import { appOrigin } from "@/lib/env";
import { lti11Error } from "@/lib/lti/lti11/codes";
import { findLti11Consumer } from "@/lib/lti/lti11/consumer";
import { consumeNonce, pruneNonces, TIMESTAMP_WINDOW_SECONDS } from "@/lib/lti/lti11/nonce-store";
import { LtiError } from "@/lib/lti/errors";
import { paramValues, readRequestParams } from "@/lib/lti/lti11/request-params";
import { hmacSha1Signature, signatureBaseString, signaturesMatch, type OAuthParam } from "@/lib/lti/lti11/signature";

export type VerifiedOAuthRequest = { integrationId: string; consumerKey: string; params: OAuthParam[] };

const oauthSchema = z.object({
  oauth_consumer_key: z.string().min(1).max(255),
  oauth_signature_method: z.string().min(1),
  oauth_timestamp: z.string().min(1),
  oauth_nonce: z.string().min(1).max(255),
  oauth_signature: z.string().min(1).max(255),
  oauth_version: z.string().optional(),
});
type OAuthFields = z.infer<typeof oauthSchema>;

/** The OAuth protocol parameters, each present exactly once. */
function oauthFields(params: readonly OAuthParam[]): OAuthFields {
  const record: Record<string, string> = {};
  for (const name of Object.keys(oauthSchema.shape)) {
    const values = params.filter(([n]) => n === name);
    if (values.length > 1) throw lti11Error("PARAMETER_REPEATED", `${name} appears more than once.`);
    if (values[0]) record[name] = values[0][1];
  }
  const parsed = oauthSchema.safeParse(record);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw lti11Error("OAUTH_PARAMETER_MISSING", `Missing or malformed OAuth parameter: ${names}.`);
  }
  return parsed.data;
}

function attributed<T>(run: () => T, integrationId: string | null): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof LtiError ? error.withIntegration(integrationId) : error;
  }
}

function checkTimestamp(value: string, nowMs: number, integrationId: string) {
  const skew = /^\d{1,12}$/.test(value) ? Math.abs(Math.floor(nowMs / 1000) - Number(value)) : Infinity;
  if (skew > TIMESTAMP_WINDOW_SECONDS) {
    throw lti11Error("TIMESTAMP_OUT_OF_WINDOW", `oauth_timestamp ${value.slice(0, 20)} is more than ${TIMESTAMP_WINDOW_SECONDS}s from the server clock.`, integrationId);
  }
}

/**
 * Verifies an OAuth 1.0a HMAC-SHA1 signed request (RFC 5849) as an LTI 1.1 consumer sent it.
 * The URL in the base string is the one the consumer saw: APP_URL's origin (a proxy in front
 * terminates HTTPS) and the request path. Throws an LtiError with an LTI11_* code.
 */
export async function verifyOAuthRequest(request: HttpRequest, nowMs = Date.now()): Promise<VerifiedOAuthRequest> {
  const read = await readRequestParams(request);
  if (!read.ok) {
    if (read.reason === "too-large") throw lti11Error("REQUEST_TOO_LARGE", "The launch request body is too large.");
    throw lti11Error("REQUEST_INVALID", read.reason === "not-form" ? "A launch must be an application/x-www-form-urlencoded POST." : "Unreadable Authorization header.");
  }
  const { params } = read;
  // The consumer first, so that a malformed launch still shows up in its integration's log.
  const keys = paramValues(params, "oauth_consumer_key");
  const consumer = keys.length === 1 && keys[0]!.length <= 255 ? await findLti11Consumer(keys[0]!) : null;
  const oauth = attributed(() => oauthFields(params), consumer?.integrationId ?? null);
  if (!consumer) throw lti11Error("CONSUMER_UNKNOWN", `No LTI 1.1 integration has the consumer key "${oauth.oauth_consumer_key.slice(0, 100)}".`);
  const id = consumer.integrationId;
  if (oauth.oauth_signature_method !== "HMAC-SHA1") {
    throw lti11Error("SIGNATURE_METHOD_UNSUPPORTED", `Signature method ${oauth.oauth_signature_method.slice(0, 40)} is not supported; use HMAC-SHA1.`, id);
  }
  if (oauth.oauth_version !== undefined && oauth.oauth_version !== "1.0") {
    throw lti11Error("OAUTH_VERSION_UNSUPPORTED", `oauth_version must be 1.0.`, id);
  }
  checkTimestamp(oauth.oauth_timestamp, nowMs, id);

  const url = `${appOrigin}${new URL(request.url).pathname}`;
  const expected = hmacSha1Signature(signatureBaseString(request.method, url, params), consumer.sharedSecret);
  if (!signaturesMatch(expected, oauth.oauth_signature)) {
    throw lti11Error("SIGNATURE_INVALID", `The OAuth signature does not verify for ${url} with this consumer key's shared secret.`, id);
  }
  if (!(await consumeNonce(consumer.consumerKey, oauth.oauth_nonce, Number(oauth.oauth_timestamp)))) {
    throw lti11Error("NONCE_REUSED", "This oauth_nonce was already used: the launch was replayed.", id);
  }
  // Nonces past the window are cleared now and then, not on every launch.
  if (Math.random() < 0.01) void pruneNonces(new Date(nowMs)).catch(() => undefined);
  if (!consumer.enabled) throw lti11Error("INTEGRATION_DISABLED", "This integration is disabled.", id);
  return { integrationId: id, consumerKey: consumer.consumerKey, params };
}
