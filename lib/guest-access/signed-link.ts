import { createHmac, timingSafeEqual } from "node:crypto";

// Entry links for SIGNED_LINK integrations (docs/decisions/0025):
//   /access/<integrationId>?exp=<unix seconds>&sig=<base64url HMAC-SHA256(secret, "folio-link.v1|<id>|<exp>")>
// The owner's page makes long-lived ones; an intranet that knows the secret can make a short-lived
// one per page view. The secret is the integration's own (rotating it voids every link).

const SIG = /^[A-Za-z0-9_-]{43}$/;

export function signLinkParams(secret: string, integrationId: string, expiresAt: number): string {
  return createHmac("sha256", secret).update(`folio-link.v1|${integrationId}|${expiresAt}`).digest("base64url");
}

export type LinkCheck = "ok" | "missing" | "expired" | "bad-signature";

/** Checks a link's exp and sig. The signature is compared in constant time, before the expiry. */
export function verifyLinkParams(
  secret: string, integrationId: string, params: { exp: string | null; sig: string | null }, now = Date.now(),
): LinkCheck {
  if (!params.exp || !params.sig) return "missing";
  if (!/^\d{1,12}$/.test(params.exp) || !SIG.test(params.sig)) return "bad-signature";
  const expected = Buffer.from(signLinkParams(secret, integrationId, Number(params.exp)));
  const given = Buffer.from(params.sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad-signature";
  return Number(params.exp) * 1000 <= now ? "expired" : "ok";
}
