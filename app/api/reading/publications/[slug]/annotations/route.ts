import { z } from "zod";
import { handleRoute, json, readJson, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { annotationInputSchema } from "@/lib/reading/annotation-schemas";
import { createAnnotation, listAnnotations } from "@/lib/reading/annotations";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** The signed-in person's highlights and notes in this book. */
export const GET = handleRoute<{ slug: string }>(async (_request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  return json({ annotations: await listAnnotations({ userId, slug }) });
});

/** Body: { kind: "HIGHLIGHT", chapterIndex, startOffset, endOffset, quote, color, note? } or { kind: "NOTE", note, chapterIndex? }. */
export const POST = handleRoute<{ slug: string }>(async (request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  const annotation = await readJson(request, annotationInputSchema);
  return json({ annotation: await createAnnotation({ userId, slug, annotation }) }, { status: 201 });
});
