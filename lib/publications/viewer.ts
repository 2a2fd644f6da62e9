import "server-only";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { currentGuestToken } from "@/lib/guest-access/current-guest";
import type { Viewer } from "@/lib/publications/reader-access";

/** What a guest hears from the personal APIs (highlights, notes, progress, statistics). */
export const GUEST_NOT_PERSONAL =
  "You are reading through your institution's shared access, which has no account: highlights, notes, your place and statistics are not kept. Open Folio from your course in your LMS (or sign in) to keep them.";

/**
 * The person behind this request as the content functions see them (null for a visitor), with the
 * guest integration of a verified guest cookie, if any (docs/decisions/0025).
 */
export async function currentViewer(): Promise<Viewer> {
  const [user, guest] = await Promise.all([getCurrentUser(), currentGuestToken()]);
  return { userId: user?.id ?? null, isAdmin: user?.role === "ADMIN", guestIntegrationId: guest?.integrationId ?? null };
}

/**
 * As currentViewer, but only a signed-in person: for personal data such as notes and statistics.
 * A visitor gets 401; a guest (shared access, no account) gets 403 saying why.
 */
export async function requireViewer(): Promise<Viewer & { userId: string }> {
  const user = await getCurrentUser();
  if (!user && (await currentGuestToken())) throw new AppError("FORBIDDEN", GUEST_NOT_PERSONAL);
  const signedIn = user ?? (await requireUser());
  return { userId: signedIn.id, isAdmin: signedIn.role === "ADMIN" };
}
