import { z } from "zod";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { getChapterForReader } from "@/lib/publications/content";
import { currentViewer } from "@/lib/publications/viewer";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80), index: z.coerce.number().int().min(0).max(100_000) });

/** One sanitized chapter as JSON: { publication, index, count, title, html, prev, next }. Access checked here. */
export const GET = handleRoute<{ slug: string; index: string }>(async (_request, context) => {
  const { slug, index } = await readParams(context, params);
  const chapter = await getChapterForReader({ ...(await currentViewer()), slug, index });
  return json(chapter, { headers: { "cache-control": "private, no-cache" } });
});
