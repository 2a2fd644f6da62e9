import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { handleRoute, json } from "@/lib/http/handle-route";
import { ingestPublicationFile } from "@/lib/publications/ingest";
import { ingestPdfFile } from "@/lib/publications/pdf/ingest-pdf";
import { withUploadedFile } from "@/lib/publications/upload";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";
import { tryGenerateBookCover } from "@/lib/publications/covers/store";
import { describeDuplicates, findUploadDuplicates } from "@/lib/publications/duplicates";

export const dynamic = "force-dynamic";

const query = z.object({
  slug: z.string().trim().max(200, "Use at most 80 characters for the address.").optional().transform((s) => s || undefined),
  /** "allow": the person saw the duplicate warning and chose to upload anyway. */
  duplicates: z.enum(["warn", "allow"]).default("warn").catch("warn"),
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
  const { slug, duplicates, name } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const outcome = await withUploadedFile(request, async (path, kind) => {
    // Same file or same book already there: a warning the person can override (docs/decisions/0030).
    const found = duplicates === "warn" ? await findUploadDuplicates(path, kind) : [];
    if (found.length) return { duplicates: found };
    return { created: kind === "pdf" ? await ingestPdfFile({ path, slug, fileName: name }) : await ingestPublicationFile({ path, slug }) };
  });
  if (!outcome.created) {
    const list = outcome.duplicates.map((d) => ({ id: d.id, slug: d.slug, title: d.title, author: d.author, reason: d.reason }));
    return json({ error: { code: "DUPLICATE", message: describeDuplicates(outcome.duplicates), duplicates: list } }, { status: 409 });
  }
  const created = outcome.created;
  await tryGenerateBookCover(created.id);
  revalidatePath("/admin/publications");
  refreshCatalog();
  return json({ id: created.id, slug: created.slug, location: `/admin/publications/${created.id}?uploaded=1` }, { status: 201 });
});
