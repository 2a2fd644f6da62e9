import { z } from "zod";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { getMyBookStats } from "@/lib/reading/stats";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** The person's time, sittings, progress and last read for this book. */
export const GET = handleRoute<{ slug: string }>(async (_request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  return json({ stats: await getMyBookStats({ userId, slug }) });
});
