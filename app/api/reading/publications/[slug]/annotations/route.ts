import { z } from "zod";
import { handleRoute, json, readJson, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { annotationInputSchema } from "@/lib/reading/annotation-schemas";
import { listAnnotations, saveAnnotation } from "@/lib/reading/annotations";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** The signed-in person's highlights and notes in this book. */
export const GET = handleRoute<{ slug: string }>(async (_request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  return json({ annotations: await listAnnotations({ userId, slug }) });
});

/** Body: { kind: "HIGHLIGHT", chapterIndex, startOffset, endOffset, quote, color, note? } or { kind: "NOTE", note, chapterIndex? }.
 * A highlight overlapping the person's own merges with them: the answer names the ids it replaced. */
export const POST = handleRoute<{ slug: string }>(async (request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  const annotation = await readJson(request, annotationInputSchema);
  // `replaced`: the person's overlapping highlights that merged into this one (and are gone).
  const { annotation: saved, replaced } = await saveAnnotation({ userId, slug, annotation });
  return json({ annotation: saved, replaced }, { status: 201 });
});
