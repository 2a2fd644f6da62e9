import "server-only";
import { Readable } from "node:stream";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, findPublication, type Viewer } from "@/lib/publications/reader-access";
import { getStorage, type ByteRange } from "@/lib/storage";

// The book file (the PDF the reader renders, or the EPUB as uploaded), for a viewer who may read
// the book: the same lookup and access check as every chapter, asked on every request, so range
// requests for page 280 are checked like the first one. The bytes come from the storage backend
// (streamed); a file stored before the backend existed is still served from its column.

export type BookFileInfo = { slug: string; format: "EPUB" | "PDF"; mediaType: string; size: number; sha256: string };

type Located = BookFileInfo & { storageKey: string | null; publicationId: string };

const noFile = () => new AppError("NOT_FOUND", "This publication has no file to read.");

/** Finds the book and its file and checks access; reads no bytes. */
export async function locateBookFile(input: Viewer & { slug: string }): Promise<Located> {
  const publication = await findPublication(input, input.slug);
  const [, file, details] = await Promise.all([
    assertCanRead(input, publication.id),
    prisma.publicationFile.findUnique({ where: { publicationId: publication.id }, select: { storageKey: true, mediaType: true, size: true, sha256: true } }),
    prisma.publication.findUniqueOrThrow({ where: { id: publication.id }, select: { format: true } }),
  ]);
  if (!file) throw noFile();
  return { slug: publication.slug, format: details.format, mediaType: file.mediaType, size: file.size, sha256: file.sha256, storageKey: file.storageKey, publicationId: publication.id };
}

/**
 * The file's size: the row's (recorded at upload), so a range request costs no extra round trip to
 * the storage; files stored before sizes were recorded ask the storage (or their column).
 */
export async function bookFileSize(file: Located): Promise<number> {
  if (file.size > 0) return file.size;
  if (file.storageKey) {
    const size = await getStorage().size(file.storageKey);
    if (size === null) throw noFile();
    return size;
  }
  const [row] = await prisma.$queryRaw<{ size: number | null }[]>`select octet_length("data")::int as size from "PublicationFile" where "publicationId" = ${file.publicationId}`;
  if (!row?.size) throw noFile();
  return row.size;
}

/** The bytes: all, or the inclusive range (already checked against the size). */
export async function readBookFile(file: Located, range?: ByteRange): Promise<{ body: Readable; size: number; contentLength: number }> {
  if (file.storageKey) {
    const object = await getStorage().get(file.storageKey, range);
    if (!object) throw noFile();
    return { body: object.body, size: object.size, contentLength: object.contentLength };
  }
  const row = await prisma.publicationFile.findUnique({ where: { publicationId: file.publicationId }, select: { data: true } });
  if (!row?.data) throw noFile();
  const bytes = range ? row.data.subarray(range.start, Math.min(range.end, row.data.length - 1) + 1) : row.data;
  return { body: Readable.from([Buffer.from(bytes)]), size: row.data.length, contentLength: bytes.length };
}
