import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Who is signed in, for pages served from cache (the catalog's header). */
export async function GET() {
  const user = await getCurrentUser();
  const body = user ? { user: { name: user.displayName, role: user.role } } : { user: null };
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
}
