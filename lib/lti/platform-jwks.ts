import "server-only";
import { importJWK, type JWK } from "jose";
import { z } from "zod";
import { env } from "@/lib/env";
import { fetchOutboundJson, OutboundError } from "@/lib/http/outbound-fetch";
import { LtiError } from "@/lib/lti/errors";

// Platform JWKS, cached in this process. An unknown kid triggers exactly one refetch (the
// platform rotated its key); concurrent launches share one fetch. Each instance keeps its
// own cache, which is only an optimisation: the JWKS URL stays the source of truth.

const CACHE_MS = 60 * 60 * 1000;
// A key set is a few keys; real ones are a few KB. Anything far larger is not a key set.
export const JWKS_MAX_BYTES = 256 * 1024;
// A refetch for an unknown kid happens at most this often per JWKS URL, so tokens with made-up
// kids cannot make Folio hammer a platform (the first refetch after a rotation always goes).
export const KID_REFETCH_COOLDOWN_MS = 10_000;
const lastKidRefetch = new Map<string, number>();
const jwksSchema = z.object({ keys: z.array(z.object({ kid: z.string().optional(), kty: z.string() }).catchall(z.unknown())) });

type Entry = { keys: Map<string, JWK>; imported: Map<string, Promise<CryptoKey>>; at: number };
const cache = new Map<string, Entry>();
const inFlight = new Map<string, Promise<Entry>>();

function unavailable(detail: string): LtiError {
  return new LtiError("LTI_JWKS_UNAVAILABLE", `The platform's key set could not be fetched: ${detail}`);
}

async function download(url: string): Promise<Entry> {
  let body: unknown;
  try {
    body = await fetchOutboundJson(url, { timeoutMs: env.LTI_JWKS_TIMEOUT_MS, maxBytes: JWKS_MAX_BYTES });
  } catch (error) {
    if (error instanceof OutboundError) throw unavailable(`the JWKS URL ${error.message}.`);
    throw error;
  }
  const parsed = jwksSchema.safeParse(body);
  if (!parsed.success) throw unavailable("not a JWK set");
  const keys = new Map<string, JWK>();
  for (const key of parsed.data.keys) if (key.kid) keys.set(key.kid, key as JWK);
  return { keys, imported: new Map(), at: Date.now() };
}

function refresh(url: string): Promise<Entry> {
  let pending = inFlight.get(url);
  if (!pending) {
    pending = download(url)
      .then((entry) => {
        cache.set(url, entry);
        return entry;
      })
      .finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
  }
  return pending;
}

function keyFrom(entry: Entry, kid: string): Promise<CryptoKey> | null {
  const jwk = entry.keys.get(kid);
  if (!jwk) return null;
  let key = entry.imported.get(kid);
  if (!key) {
    key = importJWK({ ...jwk, alg: "RS256" }, "RS256").then((k) => k as CryptoKey);
    entry.imported.set(kid, key);
  }
  return key;
}

/** The platform's public key with this kid, fetching the JWKS again once when the kid is unknown. */
export async function getPlatformKey(jwksUrl: string, kid: string): Promise<CryptoKey> {
  const current = cache.get(jwksUrl);
  const fresh = current && Date.now() - current.at < CACHE_MS ? current : undefined;
  let key = fresh ? keyFrom(fresh, kid) : null;
  if (!key) {
    const coolingDown = fresh && Date.now() - (lastKidRefetch.get(jwksUrl) ?? 0) < KID_REFETCH_COOLDOWN_MS;
    if (!coolingDown) {
      if (fresh) lastKidRefetch.set(jwksUrl, Date.now());
      key = keyFrom(await refresh(jwksUrl), kid);
    }
  }
  if (!key) throw new LtiError("LTI_KID_UNKNOWN", `The platform's key set has no key "${kid.slice(0, 80)}".`);
  try {
    return await key;
  } catch {
    throw new LtiError("LTI_JWKS_UNAVAILABLE", "The platform's key set holds a key Folio cannot use (RS256 expected).");
  }
}
