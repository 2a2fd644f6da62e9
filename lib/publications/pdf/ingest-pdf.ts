import "server-only";
import { z } from "zod";
import { prisma, isUniqueViolation, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TocEntry } from "@/lib/publications/epub/toc";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "@/lib/publications/pdf/limits";
import { parsePdf, type ParsedPdf } from "@/lib/publications/pdf/parse-pdf";
import { slugFromTitle, slugSchema } from "@/lib/publications/slug";
import { getStorage, publicationFileKey } from "@/lib/storage";

const inputSchema = z.object({
  path: z.string().min(1),
  /** The uploaded file's name: the title when the PDF names none. */
  fileName: z.string().max(255).nullish(),
  slug: slugSchema.optional(),
  isFree: z.boolean().default(false),
  priceCents: z.number().int("Give the price in cents.").min(0).max(10_000_000, "That price is too high.").default(0),
  published: z.boolean().default(false),
});

export type PdfIngestInput = z.input<typeof inputSchema>;
export type PdfIngestResult = { id: string; slug: string; title: string; author: string; pageCount: number; wordCount: number; coverPath: string | null };

export const PDF_MEDIA_TYPE = "application/pdf";
const CHAPTER_BATCH_CHARS = 1_000_000;

/** "Organic_Chemistry-3rd ed.pdf" → "Organic Chemistry-3rd ed". */
export function titleFromFileName(name: string | null | undefined): string | null {
  const base = (name ?? "").split(/[\\/]/).pop()!.replace(/\.pdf$/i, "").replace(/[_\s]+/g, " ").trim();
  return base ? base.slice(0, 300) : null;
}

/** A page's title: the first outline entry (in reading order, parents first) that starts on it. */
function pageTitles(outline: TocEntry[]): Map<number, string> {
  const titles = new Map<number, string>();
  const walk = (entries: TocEntry[]) => {
    for (const e of entries) {
      if (!titles.has(e.chapterIndex)) titles.set(e.chapterIndex, e.title);
      if (e.children) walk(e.children);
    }
  };
  walk(outline);
  return titles;
}

function batchesOf<T extends { html: string }>(items: T[]): T[][] {
  const batches: T[][] = [[]];
  let chars = 0;
  for (const item of items) {
    if (chars + item.html.length > CHAPTER_BATCH_CHARS && batches.at(-1)!.length) {
      batches.push([]);
      chars = 0;
    }
    batches.at(-1)!.push(item);
    chars += item.html.length;
  }
  return batches;
}

/**
 * Stores an uploaded PDF as a publication (docs/decisions/0026): each page becomes a Chapter row
 * (index = page number - 1) holding its text as escaped paragraphs, the outline becomes the table
 * of contents, page 1 drawn small becomes the cover, and the file itself goes to the storage
 * backend. The rows are written in one transaction and the file is stored inside it, so a refused
 * or failed upload leaves no row and no stored object. Callers check the administrator.
 */
export async function ingestPdfFile(input: PdfIngestInput, options: { limits?: PdfLimits } = {}): Promise<PdfIngestResult> {
  const fields = inputSchema.parse(input);
  const parsed = await parsePdf(fields.path, options.limits ?? DEFAULT_PDF_LIMITS);
  const title = (parsed.title ?? titleFromFileName(fields.fileName) ?? "Untitled PDF").slice(0, 300);
  const author = (parsed.author ?? "Unknown author").slice(0, 300);
  const slug = fields.slug ?? slugFromTitle(title);
  const coverPath = parsed.cover ? `cover.${parsed.cover.mediaType === "image/png" ? "png" : "webp"}` : null;
  const wordCount = parsed.pages.reduce((sum, p) => sum + p.wordCount, 0);

  const storage = getStorage();
  let storedKey: string | null = null;
  try {
    const id = await prisma.$transaction(
      async (tx) => {
        const created = await tx.publication.create({
          data: {
            slug,
            title,
            author,
            description: parsed.description,
            language: parsed.language,
            format: "PDF",
            pageCount: parsed.pageCount,
            isFree: fields.isFree,
            priceCents: fields.isFree ? 0 : fields.priceCents,
            published: fields.published,
            toc: parsed.outline,
            startChapter: 0,
            coverPath,
            fileSize: parsed.size,
          },
          select: { id: true },
        });
        await writePages(tx, created.id, parsed);
        if (parsed.cover && coverPath) {
          await tx.publicationAsset.create({
            data: { publicationId: created.id, path: coverPath, mediaType: parsed.cover.mediaType, data: new Uint8Array(parsed.cover.data) },
          });
        }
        // Last, so that nothing is stored when a row is refused; removed again below if the
        // commit fails.
        const key = publicationFileKey(created.id, parsed.sha256, "pdf");
        await tx.publicationFile.create({ data: { publicationId: created.id, storageKey: key, mediaType: PDF_MEDIA_TYPE, size: parsed.size, sha256: parsed.sha256 } });
        storedKey = key;
        await storage.putFile(key, fields.path, PDF_MEDIA_TYPE);
        return created.id;
      },
      { maxWait: 10_000, timeout: 300_000 },
    );
    return { id, slug, title, author, pageCount: parsed.pageCount, wordCount, coverPath };
  } catch (error) {
    if (storedKey) await storage.delete(storedKey).catch(() => undefined);
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `A publication with the address "${slug}" already exists. Delete it first, or upload this file under another address.`, {
        fields: { slug: "Already in use." },
      });
    }
    throw error;
  }
}

async function writePages(tx: Prisma.TransactionClient, publicationId: string, parsed: ParsedPdf) {
  const titles = pageTitles(parsed.outline);
  const rows = parsed.pages.map((p) => ({
    publicationId,
    index: p.index,
    href: `page-${p.index + 1}`,
    title: titles.get(p.index) ?? `Page ${p.index + 1}`,
    html: p.html,
    wordCount: p.wordCount,
  }));
  for (const batch of batchesOf(rows)) await tx.chapter.createMany({ data: batch });
}
