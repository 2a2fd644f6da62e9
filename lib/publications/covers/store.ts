import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { COVER_FORMATS, COVER_WIDTHS, coverFileKey } from "./sizes";
import { coverMetadata, makeCoverThumbnails } from "./thumbnails";

const MEDIA = { webp: "image/webp", jpg: "image/jpeg" } as const;

/** Deletes one set of thumbnails from storage (after the publication points elsewhere). */
export async function deleteThumbnails(publicationId: string, hash: string): Promise<void> {
  const storage = getStorage();
  await Promise.all(COVER_WIDTHS.flatMap((w) => COVER_FORMATS.map((f) => storage.delete(coverFileKey(publicationId, hash, w, f)))));
}

/**
 * Makes and stores the thumbnails of `source` for a publication, then points the publication at
 * them. The new files are written before the row changes and the old ones deleted after, so a
 * page always names thumbnails that exist.
 */
export async function storeCoverThumbnails(publicationId: string, source: Uint8Array): Promise<{ hash: string; color: string }> {
  const made = await makeCoverThumbnails(source);
  const storage = getStorage();
  for (const image of made.images) {
    await storage.putBytes(coverFileKey(publicationId, made.hash, image.width, image.format), image.bytes, MEDIA[image.format]);
  }
  const before = await prisma.publication.findUnique({ where: { id: publicationId }, select: { coverHash: true } });
  await prisma.publication.update({ where: { id: publicationId }, data: { coverHash: made.hash, coverColor: made.color } });
  if (before?.coverHash && before.coverHash !== made.hash) await deleteThumbnails(publicationId, before.coverHash);
  return { hash: made.hash, color: made.color };
}

/** Thumbnails from the book's own cover image (the EPUB's cover asset); null when it has none. */
export async function generateBookCover(publicationId: string): Promise<{ hash: string; color: string } | null> {
  const publication = await prisma.publication.findUnique({ where: { id: publicationId }, select: { coverPath: true } });
  if (!publication?.coverPath) return null;
  const asset = await prisma.publicationAsset.findUnique({
    where: { publicationId_path: { publicationId, path: publication.coverPath } },
    select: { data: true },
  });
  if (!asset) return null;
  return storeCoverThumbnails(publicationId, asset.data);
}

/**
 * Like generateBookCover, but a cover that cannot be read is reported rather than thrown: an
 * upload or an import must not fail because of its picture. The page then shows the typographic cover.
 */
export async function tryGenerateBookCover(publicationId: string): Promise<string | null> {
  try {
    await generateBookCover(publicationId);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`Cover thumbnails for publication ${publicationId} were not made: ${message}`);
    return message;
  }
}

const EXTENSIONS: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp", gif: "gif", svg: "svg", avif: "avif", tiff: "tif" };
const TYPES: Record<string, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif", svg: "image/svg+xml", avif: "image/avif", tiff: "image/tiff" };

/**
 * Replaces a publication's cover with an uploaded image (administrators; the caller checks).
 * The type comes from the image's own header, never from its name or the request. The original is
 * kept as a book asset (the cover route and later thumbnails use it), then thumbnails are made.
 */
export async function replaceCover(input: { publicationId: string; image: Uint8Array }): Promise<{ hash: string; color: string }> {
  const meta = await coverMetadata(input.image);
  const format = meta.format!;
  const exists = await prisma.publication.findUnique({ where: { id: input.publicationId }, select: { id: true } });
  if (!exists) throw new AppError("NOT_FOUND", "That publication does not exist.");
  // Made before anything is stored: an image sharp cannot decode changes nothing.
  const digest = createHash("sha256").update(input.image).digest("hex").slice(0, 16);
  const path = `folio-cover/${digest}.${EXTENSIONS[format]}`;
  const data = new Uint8Array(input.image.buffer as ArrayBuffer, input.image.byteOffset, input.image.byteLength);
  await prisma.$transaction([
    prisma.publicationAsset.upsert({
      where: { publicationId_path: { publicationId: input.publicationId, path } },
      create: { publicationId: input.publicationId, path, mediaType: TYPES[format]!, data },
      update: {},
    }),
    prisma.publication.update({ where: { id: input.publicationId }, data: { coverPath: path } }),
  ]);
  return storeCoverThumbnails(input.publicationId, input.image);
}

/** Makes thumbnails for every book that has a cover image but none yet (the backfill command). */
export async function backfillCovers(options: { limit?: number } = {}): Promise<{ made: number; failed: { slug: string; reason: string }[] }> {
  const pending = await prisma.publication.findMany({
    // coverColor "none" marks a cover that could not be used: not tried again every hour.
    where: { coverHash: null, coverColor: null, coverPath: { not: null } },
    select: { id: true, slug: true },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 10_000,
  });
  let made = 0;
  const failed: { slug: string; reason: string }[] = [];
  for (const p of pending) {
    try {
      if (await generateBookCover(p.id)) made++;
    } catch (error) {
      failed.push({ slug: p.slug, reason: error instanceof Error ? error.message : String(error) });
      await prisma.publication.update({ where: { id: p.id }, data: { coverColor: "none" } });
    }
  }
  return { made, failed };
}
