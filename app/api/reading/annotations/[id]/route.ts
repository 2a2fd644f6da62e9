import { z } from "zod";
import { handleRoute, json, readJson, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { annotationUpdateSchema } from "@/lib/reading/annotation-schemas";
import { deleteAnnotation, updateAnnotation } from "@/lib/reading/annotations";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(64) });

/** Body: { color?, note? }. Only the owner's annotations exist here; anyone else's id is a 404. */
export const PATCH = handleRoute<{ id: string }>(async (request, context) => {
  const { id } = await readParams(context, params);
  const { userId } = await requireViewer();
  const changes = await readJson(request, annotationUpdateSchema);
  return json({ annotation: await updateAnnotation({ userId, id, changes }) });
});

export const DELETE = handleRoute<{ id: string }>(async (_request, context) => {
  const { id } = await readParams(context, params);
  const { userId } = await requireViewer();
  await deleteAnnotation({ userId, id });
  return new Response(null, { status: 204 });
});
