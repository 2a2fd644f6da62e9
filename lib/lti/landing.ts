import "server-only";
import { appOrigin } from "@/lib/env";
import { createSessionCookie } from "@/lib/auth/session-cookie";

/** Signs the person in and sends them to the library, or straight to the linked publication. */
export async function landingResponse(opts: {
  user: { id: string; role: string; sessionVersion: number };
  publicationSlug?: string | null;
}): Promise<Response> {
  const path = opts.publicationSlug ? `/read/${encodeURIComponent(opts.publicationSlug)}` : "/library";
  return redirectWithSession(path, opts.user);
}

/** A 303 to a Folio path carrying the session cookie. */
export async function redirectWithSession(path: string, user: { id: string; role: string; sessionVersion: number }): Promise<Response> {
  const headers = new Headers({ location: new URL(path, appOrigin).toString(), "cache-control": "no-store" });
  headers.append("set-cookie", await createSessionCookie(user));
  return new Response(null, { status: 303, headers });
}
