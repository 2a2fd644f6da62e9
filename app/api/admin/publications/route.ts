import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { handleRoute, json } from "@/lib/http/handle-route";
import { ingestPublicationFile } from "@/lib/publications/ingest";
import { withUploadedFile } from "@/lib/publications/upload";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";
import { tryGenerateBookCover } from "@/lib/publications/covers/store";

export const dynamic = "force-dynamic";

const query = z.object({ slug: z.string().trim().max(200, "Use at most 80 characters for the address.").optional().transform((s) => s || undefined) });

/**
 * POST ?slug=… with the EPUB as the body (the Control Panel's upload form). The administrator
 * is checked before a byte of the body is read; the file streams to disk with its size capped.
 */
export const POST = handleRoute(async (request) => {
  await requireAdmin();
  const { slug } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const created = await withUploadedFile(request, (path) => ingestPublicationFile({ path, slug }));
  await tryGenerateBookCover(created.id);
  revalidatePath("/admin/publications");
  refreshCatalog();
  return json({ id: created.id, slug: created.slug, location: `/admin/publications/${created.id}?uploaded=1` }, { status: 201 });
});
