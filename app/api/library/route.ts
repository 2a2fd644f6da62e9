import { getCurrentUser } from "@/lib/auth/session";
import { loadMyLibrary } from "@/lib/library/my-library";

export const dynamic = "force-dynamic";

/**
 * "My library" for the signed-in person: who they are (for the header), the books they may read
 * with their place in each, and their reading. The page itself is served from cache
 * (docs/decisions/0013); this is its only per-person request.
 */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to see your library." }, { status: 401, headers: { "cache-control": "private, no-store" } });
  return Response.json(await loadMyLibrary(user), { headers: { "cache-control": "private, no-store" } });
}
