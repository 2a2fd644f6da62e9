import "server-only";
import { appOrigin } from "@/lib/env";
import { createSessionCookie } from "@/lib/auth/session-cookie";

/**
 * Signs the person in and sends them where the launch points: an instructor to their course's
 * view (the link's reading selected); a student to the linked publication, at the link's
 * assigned reading when it has one; anyone else to the library.
 */
export async function landingResponse(opts: {
  user: { id: string; role: string; sessionVersion: number };
  publicationSlug?: string | null;
  place?: { courseId: string | null; linkId: string | null };
  instructor?: boolean;
}): Promise<Response> {
  return redirectWithSession(landingPath(opts), opts.user);
}

export function landingPath(opts: { publicationSlug?: string | null; place?: { courseId: string | null; linkId: string | null }; instructor?: boolean }): string {
  const { courseId, linkId } = opts.place ?? { courseId: null, linkId: null };
  const link = linkId ? `?link=${encodeURIComponent(linkId)}` : "";
  if (opts.instructor && courseId) return `/course/${encodeURIComponent(courseId)}${link}`;
  if (opts.publicationSlug) return `/read/${encodeURIComponent(opts.publicationSlug)}${link}`;
  return "/library";
}

/** A 303 to a Folio path carrying the session cookie. */
export async function redirectWithSession(path: string, user: { id: string; role: string; sessionVersion: number }): Promise<Response> {
  const headers = new Headers({ location: new URL(path, appOrigin).toString(), "cache-control": "no-store" });
  headers.append("set-cookie", await createSessionCookie(user));
  return new Response(null, { status: 303, headers });
}
