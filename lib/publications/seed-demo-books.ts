import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { ingestPublication } from "@/lib/publications/ingest";

/** The demo books in prisma/demo-books/ (see its README for attribution), with their catalog settings. */
export const DEMO_BOOKS = [
  { file: "alice-in-wonderland.epub", slug: "alice-in-wonderland", isFree: true, priceCents: 0 },
  { file: "pride-and-prejudice.epub", slug: "pride-and-prejudice", isFree: false, priceCents: 499 },
  { file: "adventures-of-sherlock-holmes.epub", slug: "adventures-of-sherlock-holmes", isFree: false, priceCents: 599 },
  { file: "war-and-peace.epub", slug: "war-and-peace", isFree: false, priceCents: 999 },
] as const;

export type DemoBookResult = { slug: string; status: "created" | "skipped"; ms: number };

/**
 * Uploads the demo books through ingestPublication, the same path as an upload in the Control
 * Panel, so seeding proves ingestion. Published. Safe to run again: existing slugs are skipped.
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
      await ingestPublication({ data, slug: book.slug, isFree: book.isFree, priceCents: book.priceCents, published: true }, { sourcePath: file });
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
  return results;
}
