import { z } from "zod";
import { handleRoute, json, readJson, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { heartbeatSchema, recordHeartbeat } from "@/lib/reading/heartbeat";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** Body: { clientSessionId, activeSeconds } (cumulative for the sitting). Answers the seconds counted so far. */
export const POST = handleRoute<{ slug: string }>(async (request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  const beat = await readJson(request, heartbeatSchema);
  return json(await recordHeartbeat({ userId, slug, beat }));
});
