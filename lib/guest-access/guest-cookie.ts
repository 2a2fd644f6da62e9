import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { serialize } from "cookie";
import { env, isSecureOrigin } from "@/lib/env";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";

// The guest access cookie (docs/decisions/0025): which guest integration let this browser in and
// until when, signed with a key of its own derived from AUTH_SECRET. It is not a session: it names
// no person, and every request still asks the database whether that integration grants the book
// (lib/access/can-read.ts), so disabling the integration or changing its plan takes effect at once.

export const GUEST_COOKIE = isSecureOrigin ? "__Secure-folio.guest" : "folio.guest";
export const GUEST_ACCESS_SECONDS = 8 * 60 * 60;

export type GuestToken = { integrationId: string; visitId: string; expiresAt: number };

let key: Buffer | undefined;
function guestKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "folio", "folio guest access cookie v1", 32));
  return key;
}

function mac(payload: string): string {
  return createHmac("sha256", guestKey()).update(payload).digest("base64url");
}

export function encodeGuestToken(token: GuestToken): string {
  const payload = `${token.integrationId}.${token.visitId}.${token.expiresAt}`;
  return `${payload}.${mac(payload)}`;
}

/** The token in a cookie value, or null: malformed, not signed by us, or expired. */
export function decodeGuestToken(raw: string | undefined | null, now = Date.now()): GuestToken | null {
  if (!raw || raw.length > 200) return null;
  const match = /^([a-z0-9]{1,40})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(raw);
  if (!match) return null;
  const [, integrationId, visitId, exp, sig] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(mac(`${integrationId}.${visitId}.${exp}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(exp);
  if (expiresAt * 1000 <= now) return null;
  return { integrationId, visitId, expiresAt };
}

/** A Set-Cookie value for a new visit through the integration. */
export function guestCookieFor(integrationId: string, now = Date.now()): { setCookie: string; token: GuestToken } {
  const token = { integrationId, visitId: randomBytes(16).toString("base64url"), expiresAt: Math.floor(now / 1000) + GUEST_ACCESS_SECONDS };
  const setCookie = serialize(GUEST_COOKIE, encodeGuestToken(token), { ...sessionCookieOptions, maxAge: GUEST_ACCESS_SECONDS });
  return { setCookie, token };
}
