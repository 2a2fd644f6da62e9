import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { sql } from "@/lib/sql";
import { AppError } from "@/lib/errors";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { loginPath } from "@/lib/auth/login-path";

export type CurrentUser = {
  id: string;
  publicId: string;
  role: "ADMIN" | "READER";
  name: string | null;
  email: string | null;
  /** What the header calls them: their name, else their email, else the name their LMS last sent, else the public ID. */
  displayName: string;
};

/** The signed-in user for this request, or null. */
// The token is the one next-auth issues (or createSessionCookie in session-cookie.ts); decoding it
// here rather than through getServerSession keeps one code path for both and lets tests supply
// the cookie.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const raw = (await cookies()).get(SESSION_COOKIE)?.value;
  return raw ? readSession(raw) : null;
});

/**
 * The user a session token signs in, or null: not one of ours, expired, from before a password
 * change (`sv`), past the session's absolute end (`sxp`), signed out (`sid` revoked), or the
 * account is disabled (also when the token is newer than that: an LTI launch signs in too).
 */
export async function readSession(raw: string): Promise<CurrentUser | null> {
  const token = await decodeSessionToken(raw);
  if (!token?.sub || typeof token.sid !== "string" || typeof token.sxp !== "number") return null;
  if (token.sxp * 1000 <= Date.now()) return null;
  // Every signed-in request reads this row: one prepared statement, which also refuses a
  // signed-out session or a disabled account (no second round trip).
  const [user] = await sql<CurrentUser & { sessionVersion: number }>("session-user-enabled-unrevoked", `
    select u.id, u."publicId", u.role::text as role, u.name, u.email, u."sessionVersion",
           coalesce(u.name, u.email,
                    (select i."nameHint" from "LtiIdentity" i where i."userId" = u.id and i."nameHint" is not null order by i."lastLaunchAt" desc limit 1),
                    u."publicId") as "displayName"
    from "User" u
    where u.id = $1 and u."disabledAt" is null and not exists (select 1 from "RevokedSession" r where r.sid = $2)`, [token.sub, token.sid]);
  if (!user || user.sessionVersion !== (typeof token.sv === "number" ? token.sv : 0)) return null;
  const { sessionVersion: _ignored, ...rest } = user;
  return rest;
}

/** For server actions and route handlers: the user, or an UNAUTHENTICATED error. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}

/** For server actions and route handlers: an administrator, or an error. LMS roles never make one. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only store administrators can do that.");
  return user;
}

/**
 * For the Control Panel's server actions, before anything else: an administrator, or the action
 * answers 403 (a reader) or 401 (a visitor). An error thrown instead would reach the browser as
 * a 500. The data functions they call check again with requireAdmin.
 */
export async function requireActionAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) unauthorized();
  if (user.role !== "ADMIN") forbidden();
  return user;
}

/** For pages: sends a visitor to the login page and answers a reader with 403. */
export async function requirePageUser(next = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPath(next));
  return user;
}

export async function requirePageAdmin(next = "/admin"): Promise<CurrentUser> {
  const user = await requirePageUser(next);
  if (user.role !== "ADMIN") forbidden();
  return user;
}
