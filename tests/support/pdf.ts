import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { getStorage, publicationFileKey } from "@/lib/storage";
import { buildPdf, type PdfOptions, type PdfPage } from "./pdf-file";

export { buildPdf, type PdfOptions, type PdfPage };

// PDF publications stored as ingestion stores them: one Chapter row per page (index = page - 1) with
// the page's text, the outline as contents, the file in the storage backend.

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const pageTexts = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    text: `This is page ${i + 1} of the test book. The quick brown fox jumps over the lazy dog on page ${i + 1}.`,
    ...(i % 5 === 0 ? { outline: `Part ${i / 5 + 1}` } : {}),
  }));

/** A PDF publication with its file stored; `pages` defaults to 12 pages of simple sentences. */
export async function createPdfPublication(overrides: { slug?: string; isFree?: boolean; published?: boolean; pages?: PdfPage[]; pageCount?: number; pdf?: PdfOptions } = {}) {
  const pages = overrides.pages ?? pageTexts(overrides.pageCount ?? 12);
  const bytes = await buildPdf(pages, overrides.pdf);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const slug = overrides.slug ?? `pdf-${sha256.slice(0, 8)}`;
  const toc = pages.flatMap((p, i) => (p.outline ? [{ title: p.outline, chapterIndex: i }] : []));
  const publication = await prisma.publication.create({
    data: {
      slug, title: `PDF ${slug}`, author: "Test Author", format: "PDF", pageCount: pages.length,
      isFree: overrides.isFree ?? false, published: overrides.published ?? true, toc,
      chapters: {
        create: pages.map((p, index) => ({
          index, href: `page-${index + 1}`, title: `Page ${index + 1}`, html: `<p>${escapeHtml(p.text)}</p>`,
          wordCount: p.text.split(/\s+/).filter(Boolean).length,
        })),
      },
    },
  });
  const storageKey = publicationFileKey(publication.id, sha256, "pdf");
  await getStorage().putBytes(storageKey, bytes, "application/pdf");
  await prisma.publicationFile.create({ data: { publicationId: publication.id, storageKey, mediaType: "application/pdf", size: bytes.length, sha256 } });
  return { publication, bytes, sha256 };
}
