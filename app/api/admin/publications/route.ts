import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { handleRoute, json } from "@/lib/http/handle-route";
import { ingestPublicationFile } from "@/lib/publications/ingest";
import { ingestPdfFile } from "@/lib/publications/pdf/ingest-pdf";
import { withUploadedFile } from "@/lib/publications/upload";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";

export const dynamic = "force-dynamic";

const query = z.object({
  slug: z.string().trim().max(200, "Use at most 80 characters for the address.").optional().transform((s) => s || undefined),
  // The file's name on the administrator's computer: a PDF's title when the file names none.
  name: z.string().trim().max(255).optional().transform((s) => s || undefined),
});

/**
 * POST ?slug=…&name=… with the EPUB or PDF as the body (the Control Panel's upload form). The
 * administrator is checked before a byte of the body is read; the file streams to disk with its
 * size capped, and its first bytes say which ingestion reads it.
 */
export const POST = handleRoute(async (request) => {
  await requireAdmin();
  const { slug, name } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const created = await withUploadedFile<{ id: string; slug: string }>(request, (path, kind) =>
    kind === "pdf" ? ingestPdfFile({ path, slug, fileName: name }) : ingestPublicationFile({ path, slug }),
  );
  revalidatePath("/admin/publications");
  refreshCatalog();
  return json({ id: created.id, slug: created.slug, location: `/admin/publications/${created.id}?uploaded=1` }, { status: 201 });
});
