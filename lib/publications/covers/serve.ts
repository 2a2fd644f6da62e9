import "server-only";
import { Readable } from "node:stream";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { slugSchema } from "@/lib/publications/slug";
import { getStorage } from "@/lib/storage";
import { coverFileKey, parseCoverFileName } from "./sizes";

const notFound = () => new AppError("NOT_FOUND", "This publication has no such cover.");

/**
 * One cover thumbnail. Published books' covers are public (the catalog shows them) and their URLs
 * name the content, so they are cached for a year; an unpublished book's only by administrators,
 * never cached. A hash that is no longer the book's cover is not found.
 */
export async function getCoverThumbnail(input: { slug: string; file: string; isAdmin: boolean }): Promise<{ body: ReadableStream; size: number; mediaType: string; cacheControl: string }> {
  const slug = slugSchema.safeParse(input.slug);
  const name = parseCoverFileName(input.file);
  if (!slug.success || !name) throw notFound();
  const publication = await prisma.publication.findUnique({ where: { slug: slug.data }, select: { id: true, published: true, coverHash: true } });
  if (!publication || (!publication.published && !input.isAdmin) || publication.coverHash !== name.hash) throw notFound();
  const stored = await getStorage().get(coverFileKey(publication.id, name.hash, name.width, name.format));
  if (!stored) throw notFound();
  return {
    body: Readable.toWeb(stored.body) as ReadableStream,
    size: stored.size,
    mediaType: name.format === "webp" ? "image/webp" : "image/jpeg",
    cacheControl: publication.published ? "public, max-age=31536000, immutable" : "private, no-cache",
  };
}
