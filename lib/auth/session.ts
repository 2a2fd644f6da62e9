import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { forbidden, redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";

export type CurrentUser = {
  id: string;
  publicId: string;
  role: "ADMIN" | "READER";
  name: string | null;
  email: string | null;
};

/** The signed-in user for this request, or null. A token from before a password change is refused. */
// The token is the one next-auth issues (or createSessionCookie in session-cookie.ts); decoding it here rather
// than through getServerSession keeps one code path for both and lets tests supply the cookie.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const raw = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: env.AUTH_SECRET }).catch(() => null);
  if (!token?.sub) return null;
  const user = await prisma.user.findUnique({
    where: { id: token.sub },
    select: { id: true, publicId: true, role: true, name: true, email: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== (typeof token.sv === "number" ? token.sv : 0)) return null;
  const { sessionVersion: _ignored, ...rest } = user;
  return rest;
});

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

/** For pages: sends a visitor to the login page and answers a reader with 403. */
export async function requirePageUser(next = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(next)}`);
  return user;
}

export async function requirePageAdmin(next = "/admin"): Promise<CurrentUser> {
  const user = await requirePageUser(next);
  if (user.role !== "ADMIN") forbidden();
  return user;
}
