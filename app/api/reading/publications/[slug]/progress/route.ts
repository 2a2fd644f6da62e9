import { z } from "zod";
import { handleRoute, json, readJson, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { getProgress, progressSchema, saveProgress } from "@/lib/reading/progress";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** { progress: { chapterIndex, position, percent, updatedAt } | null } */
export const GET = handleRoute<{ slug: string }>(async (_request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  return json({ progress: await getProgress({ userId, slug }) });
});

/** Body: { chapterIndex, position (0..1 of the chapter), percent (0..1 of the book) }. */
export const PUT = handleRoute<{ slug: string }>(async (request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  const progress = await readJson(request, progressSchema);
  return json({ progress: await saveProgress({ userId, slug, progress }) });
});
