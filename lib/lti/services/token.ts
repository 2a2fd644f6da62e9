import "server-only";
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { getSigningKey } from "@/lib/lti/keys";
import { fetchOutbound, OutboundError } from "@/lib/http/outbound-fetch";

// An access token for the platform's services (AGS, NRPS): the OAuth 2 client-credentials grant
// with a JWT client assertion signed by Folio's tool key (1EdTech Security Framework 1.0, 4.1).
// Tokens are cached per integration and scope set, in this process, until shortly before they
// expire; a 401 from a service drops the cached one (forgetToken) so the next call asks again.

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Tokens are treated as expired this long before the platform says they are. */
const EXPIRY_MARGIN_MS = 60_000;
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024;

export class ServiceError extends Error {
  constructor(
    readonly code: "LTI_SERVICE_NOT_CONFIGURED" | "LTI_TOKEN_REFUSED" | "LTI_SERVICE_UNREACHABLE" | "LTI_SERVICE_REFUSED" | "LTI_SERVICE_BAD_ANSWER",
    message: string,
    /** Worth trying again later (the platform is down or busy), as opposed to a refusal. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

const tokenAnswer = z.object({
  access_token: z.string().min(1).max(8192),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

type Cached = { token: string; expiresAt: number };
const cache = new Map<string, Cached>();
const inFlight = new Map<string, Promise<Cached>>();
const cacheKey = (integrationId: string, scopes: readonly string[]) => `${integrationId} ${[...scopes].sort().join(" ")}`;

/** The outbound failure as a ServiceError; 5xx, 429 and network trouble are retryable. */
export function serviceFailure(error: unknown, what: string): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof OutboundError) {
    const retryable = error.reason === "timeout" || error.reason === "unreachable" || (error.reason === "status" && (error.status === 429 || (error.status ?? 0) >= 500));
    return new ServiceError(retryable ? "LTI_SERVICE_UNREACHABLE" : "LTI_SERVICE_REFUSED", `${what} ${error.message}${error.status ? ` (HTTP ${error.status})` : ""}.`, retryable, error.status);
  }
  return new ServiceError("LTI_SERVICE_UNREACHABLE", `${what} failed.`, true);
}

async function requestToken(integrationId: string, scopes: readonly string[]): Promise<Cached> {
  const integration = await prisma.integration.findUnique({
    where: { id: integrationId },
    select: { kind: true, enabled: true, clientId: true, tokenUrl: true },
  });
  if (!integration || integration.kind !== "LTI13" || !integration.clientId || !integration.tokenUrl) {
    throw new ServiceError("LTI_SERVICE_NOT_CONFIGURED", "The integration has no LTI 1.3 client ID and token URL.", false);
  }
  const key = await getSigningKey();
  const assertion = await new SignJWT({ jti: randomBytes(16).toString("base64url") })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(integration.clientId)
    .setSubject(integration.clientId)
    .setAudience(integration.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key.privateKey);
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: assertion,
    scope: scopes.join(" "),
  }).toString();
  let response;
  try {
    response = await fetchOutbound(integration.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
  } catch (error) {
    throw serviceFailure(error, "The platform's token URL");
  }
  if (response.status === 429 || response.status >= 500) {
    throw new ServiceError("LTI_SERVICE_UNREACHABLE", `The platform's token URL answered HTTP ${response.status}.`, true, response.status);
  }
  if (response.status < 200 || response.status >= 300) {
    // 400 invalid_client / invalid_scope: the platform does not accept Folio's key or the scopes.
    throw new ServiceError("LTI_TOKEN_REFUSED", `The platform refused Folio's token request (HTTP ${response.status}): check the tool's public key URL and that the services are switched on.`, false, response.status);
  }
  let parsed;
  try {
    parsed = tokenAnswer.safeParse(JSON.parse(response.body.toString("utf8")));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new ServiceError("LTI_SERVICE_BAD_ANSWER", "The platform's token URL did not answer with an access token.", false);
  const lifetimeMs = Math.min(parsed.data.expires_in ?? 3600, 24 * 3600) * 1000;
  return { token: parsed.data.access_token, expiresAt: Date.now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
}

/** A bearer token for these scopes on this integration's platform. */
export async function getServiceToken(integrationId: string, scopes: readonly string[]): Promise<string> {
  const key = cacheKey(integrationId, scopes);
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = requestToken(integrationId, scopes).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const fresh = await pending;
  cache.set(key, fresh);
  return fresh.token;
}

/** Drops a cached token the platform no longer accepts (it answered 401). */
export function forgetToken(integrationId: string, scopes: readonly string[]): void {
  cache.delete(cacheKey(integrationId, scopes));
}

/** For tests: forget every cached token. */
export function clearServiceTokens(): void {
  cache.clear();
}
