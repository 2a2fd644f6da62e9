import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { replacePublicationFile } from "@/lib/publications/replace-file";
import { withUploadedFile } from "@/lib/publications/upload";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(64) });

/**
 * POST a new edition's EPUB as the body: the book's chapters are replaced and what readers made
 * in it carried over (lib/publications/replace-file.ts). Administrator checked before reading.
 */
export const POST = handleRoute<{ id: string }>(async (request, context) => {
  const admin = await requireAdmin();
  const { id } = await readParams(context, params);
  const result = await withUploadedFile(request, (path) => replacePublicationFile({ publicationId: id, path, actorUserId: admin.id }), { only: "epub" });
  revalidatePath(`/admin/publications/${id}`);
  refreshCatalog();
  return json({ chapterCount: result.chapterCount, highlights: result.highlights, people: result.owners.length, progressMoved: result.progressMoved });
});
