import { z } from "zod";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { exportAnnotationsMarkdown } from "@/lib/reading/export-markdown";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** The person's highlights and notes in this book as a Markdown download. */
export const GET = handleRoute<{ slug: string }>(async (_request, context) => {
  const { slug } = await readParams(context, params);
  const { userId } = await requireViewer();
  const { filename, markdown } = await exportAnnotationsMarkdown({ userId, slug });
  return new Response(markdown, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
