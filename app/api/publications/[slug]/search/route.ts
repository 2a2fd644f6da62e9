import { z } from "zod";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { searchPublication } from "@/lib/publications/content";
import { currentViewer } from "@/lib/publications/viewer";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** GET ?q=words → { hits: [{ chapterIndex, chapterTitle, snippet, offset }] }, for readers with access. */
export const GET = handleRoute<{ slug: string }>(async (request, context) => {
  const { slug } = await readParams(context, params);
  const query = new URL(request.url).searchParams.get("q") ?? "";
  const hits = await searchPublication({ ...(await currentViewer()), slug, query });
  return json({ hits });
});
