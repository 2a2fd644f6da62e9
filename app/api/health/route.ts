import { isDatabaseReachable } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test harness. */
export async function GET() {
  if (await isDatabaseReachable()) return Response.json({ ok: true });
  return Response.json({ ok: false, error: "database unreachable" }, { status: 503 });
}
