import "server-only";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import type { Viewer } from "@/lib/publications/reader-access";

/** The person behind this request as the content functions see them (null for a visitor). */
export async function currentViewer(): Promise<Viewer> {
  const user = await getCurrentUser();
  return { userId: user?.id ?? null, isAdmin: user?.role === "ADMIN" };
}

/** As currentViewer, but a visitor is refused (401): for personal data such as notes and statistics. */
export async function requireViewer(): Promise<Viewer & { userId: string }> {
  const user = await requireUser();
  return { userId: user.id, isAdmin: user.role === "ADMIN" };
}
