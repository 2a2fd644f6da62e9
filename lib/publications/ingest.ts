import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { prisma, isUniqueViolation } from "@/lib/db";
import { linkSubjects } from "@/lib/publications/metadata";
import { AppError } from "@/lib/errors";
import { extractEpub, openEpub } from "@/lib/publications/epub/parse-epub";
import type { EpubLimits } from "@/lib/publications/epub/limits";
import { slugFromTitle, slugSchema } from "@/lib/publications/slug";
import { getStorage, publicationFileKey } from "@/lib/storage";

const EPUB_MEDIA_TYPE = "application/epub+zip";

const ingestSchema = z.object({
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { message: "Choose an EPUB file to upload." }),
  slug: slugSchema.optional(),
  isFree: z.boolean().default(false),
  priceCents: z.number().int("Give the price in cents.").min(0).max(10_000_000, "That price is too high.").default(0),
  published: z.boolean().default(false),
});

/** The same bytes, typed as Prisma wants them (a Buffer's memory is never a SharedArrayBuffer). */
const bytesView = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

const CHAPTER_BATCH_CHARS = 1_000_000;

function batchesOf<T extends { html: string }>(items: T[], maxChars: number): T[][] {
  const batches: T[][] = [[]];
  let chars = 0;
  for (const item of items) {
    if (chars + item.html.length > maxChars && batches.at(-1)!.length) {
      batches.push([]);
      chars = 0;
    }
    batches.at(-1)!.push(item);
    chars += item.html.length;
  }
  return batches;
}

export type IngestInput = z.input<typeof ingestSchema>;

export type IngestResult = {
  id: string;
  slug: string;
  title: string;
  author: string;
  chapterCount: number;
  wordCount: number;
  assetCount: number;
  coverPath: string | null;
};

/**
 * Reads an EPUB and stores it as a publication: its sanitized chapters and assets in one
 * transaction, the file itself in the storage backend (lib/storage). The object is stored inside
 * the transaction, before the row that points at it, and deleted again when the transaction
 * fails, so a refused or failed upload leaves nothing behind. The slug comes from the title
 * unless given; it never changes afterwards (chapter links embed it). Callers check that the
 * person is an administrator. `sourcePath`: the same bytes on disk, streamed to storage from there.
 */
export async function ingestPublication(input: IngestInput, options: { limits?: EpubLimits; sourcePath?: string } = {}): Promise<IngestResult> {
  const { data: bytes, ...fields } = ingestSchema.parse(input);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const opened = await openEpub(data, options.limits);
  const slug = fields.slug ?? slugFromTitle(opened.book.metadata.title);
  const sha256 = createHash("sha256").update(data).digest("hex");
  const parsed = await extractEpub(opened, { slug, version: sha256.slice(0, 12) });
  const { metadata } = parsed;
  const storage = getStorage();
  let storedKey: string | undefined;

  try {
    const publication = await prisma.$transaction(
      async (tx) => {
        const created = await tx.publication.create({
          data: {
            slug,
            title: metadata.title,
            author: metadata.author,
            description: metadata.description,
            language: metadata.language,
            isbn: metadata.isbn,
            publisher: metadata.publisher,
            publicationDate: metadata.publicationDate,
            keywords: metadata.keywords,
            isFree: fields.isFree,
            priceCents: fields.isFree ? 0 : fields.priceCents,
            published: fields.published,
            toc: parsed.toc,
            startChapter: parsed.startChapter,
            coverPath: parsed.coverPath,
            fileSize: data.length,
          },
          select: { id: true },
        });
        await linkSubjects(tx, created.id, metadata.subjects);
        const storageKey = publicationFileKey(created.id, sha256, "epub");
        storedKey = storageKey;
        if (options.sourcePath) await storage.putFile(storageKey, options.sourcePath, EPUB_MEDIA_TYPE);
        else await storage.putBytes(storageKey, bytesView(data), EPUB_MEDIA_TYPE);
        await tx.publicationFile.create({ data: { publicationId: created.id, storageKey, mediaType: EPUB_MEDIA_TYPE, size: data.length, sha256 } });
        // In batches of about 1 MB of HTML: one statement for a whole book made the query
        // engine hold several copies of every chapter at once.
        for (const batch of batchesOf(parsed.chapters, CHAPTER_BATCH_CHARS)) {
          await tx.chapter.createMany({ data: batch.map((c) => ({ ...c, publicationId: created.id })) });
        }
        await tx.publicationAsset.createMany({
          data: parsed.assets.map((a) => ({ publicationId: created.id, path: a.path, mediaType: a.mediaType, data: bytesView(a.data) })),
        });
        return created;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
    return {
      id: publication.id,
      slug,
      title: metadata.title,
      author: metadata.author,
      chapterCount: parsed.chapters.length,
      wordCount: parsed.wordCount,
      assetCount: parsed.assets.length,
      coverPath: parsed.coverPath,
    };
  } catch (error) {
    if (storedKey) {
      const key = storedKey;
      await storage.delete(key).catch((e: Error) => console.warn(`Storage: could not delete ${key} after a failed upload (${e.message})`));
    }
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `A publication with the address "${slug}" already exists. Delete it first, or upload this file under another address.`, {
        fields: { slug: "Already in use." },
      });
    }
    throw error;
  }
}

/**
 * Ingests an upload that was streamed to a file (lib/publications/upload.ts): read once from
 * disk into one buffer for parsing, and streamed from disk to storage.
 */
export async function ingestPublicationFile(input: Omit<IngestInput, "data"> & { path: string }, options: { limits?: EpubLimits } = {}): Promise<IngestResult> {
  const { path, ...rest } = input;
  return ingestPublication({ ...rest, data: await readFile(path) }, { ...options, sourcePath: path });
}
