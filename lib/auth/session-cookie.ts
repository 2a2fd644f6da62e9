import "server-only";
import { serialize } from "cookie";
import { isSecureOrigin } from "@/lib/env";
import { encodeSessionToken, newSessionClaims } from "@/lib/auth/session-token";

// The session cookie: its name, its attributes, and minting one for sign-ins that do not go
// through next-auth (LTI launches, a password change). Kept apart from the next-auth options so
// the launch server (server/) can mint sessions without loading next-auth's providers.

export const SESSION_COOKIE = isSecureOrigin ? "__Secure-folio.session" : "folio.session";
export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

// The session cookie must survive inside an LMS iframe (a third-party context), so it is
// SameSite=None and Partitioned (CHIPS). Server actions are protected by Next's Origin check.
export const sessionCookieOptions = {
  httpOnly: true,
  sameSite: isSecureOrigin ? ("none" as const) : ("lax" as const),
  path: "/",
  secure: isSecureOrigin,
  partitioned: isSecureOrigin,
};

/** A Set-Cookie value that signs the person in, with the same token next-auth issues. */
export async function createSessionCookie(user: { id: string; role: string; sessionVersion: number }): Promise<string> {
  const token = await encodeSessionToken({ sub: user.id, role: user.role, sv: user.sessionVersion, ...newSessionClaims(SESSION_MAX_AGE) }, SESSION_MAX_AGE);
  return serialize(SESSION_COOKIE, token, { ...sessionCookieOptions, maxAge: SESSION_MAX_AGE });
}
