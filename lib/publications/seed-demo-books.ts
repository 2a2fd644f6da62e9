import "server-only";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db";
import { ingestPublication } from "@/lib/publications/ingest";
import { tryGenerateBookCover } from "@/lib/publications/covers/store";
import { writeBookPdf } from "@/lib/publications/pdf/book-pdf";
import { bookPdfFromEpub } from "@/lib/publications/pdf/demo-pdf";
import { ingestPdfFile } from "@/lib/publications/pdf/ingest-pdf";

/** The demo books in prisma/demo-books/ (see its README for attribution), with their catalog settings. */
export const DEMO_BOOKS = [
  { file: "alice-in-wonderland.epub", slug: "alice-in-wonderland", isFree: true, priceCents: 0 },
  { file: "pride-and-prejudice.epub", slug: "pride-and-prejudice", isFree: false, priceCents: 499 },
  { file: "adventures-of-sherlock-holmes.epub", slug: "adventures-of-sherlock-holmes", isFree: false, priceCents: 599 },
  { file: "war-and-peace.epub", slug: "war-and-peace", isFree: false, priceCents: 999 },
] as const;

/**
 * The demo PDF: Alice set as a PDF by the seed itself (pdfkit, standard fonts, an outline), from
 * the CC0 Standard Ebooks edition above, so it is public domain like its source.
 */
export const DEMO_PDF = {
  from: "alice-in-wonderland.epub",
  slug: "alice-in-wonderland-pdf",
  title: "Alice’s Adventures in Wonderland (PDF edition)",
  subject: "Set as a PDF by Folio's seed from the Standard Ebooks edition (CC0 1.0); the work is in the United States public domain.",
  isFree: true,
  priceCents: 0,
} as const;

export type DemoBookResult = { slug: string; status: "created" | "skipped"; ms: number };

/**
 * Uploads the demo books through ingestPublication, the same path as an upload in the Control
 * Panel, so seeding proves ingestion, then makes the demo PDF and ingests it through
 * ingestPdfFile. Published. Safe to run again: existing slugs are skipped.
 */
export async function seedDemoBooks(options: { directory?: string } = {}): Promise<DemoBookResult[]> {
  const directory = options.directory ?? path.join(process.cwd(), "prisma", "demo-books");
  const results: DemoBookResult[] = [];
  for (const book of DEMO_BOOKS) {
    const started = performance.now();
    if (await prisma.publication.findUnique({ where: { slug: book.slug }, select: { id: true } })) {
      results.push({ slug: book.slug, status: "skipped", ms: 0 });
      continue;
    }
    const file = path.join(directory, book.file);
    const data = await readFile(file);
    try {
      // The file goes to the storage backend (.data/storage in development) from disk.
      const created = await ingestPublication({ data, slug: book.slug, isFree: book.isFree, priceCents: book.priceCents, published: true }, { sourcePath: file });
      await tryGenerateBookCover(created.id);
    } catch (error) {
      // Another seed run created it in the meantime: that is the idempotent outcome.
      if ((error as { code?: string }).code === "CONFLICT") {
        results.push({ slug: book.slug, status: "skipped", ms: 0 });
        continue;
      }
      throw error;
    }
    results.push({ slug: book.slug, status: "created", ms: Math.round(performance.now() - started) });
  }
  results.push(await seedDemoPdf(directory));
  return results;
}

async function seedDemoPdf(directory: string): Promise<DemoBookResult> {
  const started = performance.now();
  const skipped = { slug: DEMO_PDF.slug, status: "skipped", ms: 0 } as const;
  if (await prisma.publication.findUnique({ where: { slug: DEMO_PDF.slug }, select: { id: true } })) return skipped;
  const work = await mkdtemp(path.join(tmpdir(), "folio-demo-pdf-"));
  try {
    const file = path.join(work, "demo.pdf");
    await writeBookPdf(await bookPdfFromEpub(path.join(directory, DEMO_PDF.from), DEMO_PDF), file);
    await ingestPdfFile({ path: file, slug: DEMO_PDF.slug, isFree: DEMO_PDF.isFree, priceCents: DEMO_PDF.priceCents, published: true });
  } catch (error) {
    if ((error as { code?: string }).code === "CONFLICT") return skipped;
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { slug: DEMO_PDF.slug, status: "created", ms: Math.round(performance.now() - started) };
}
