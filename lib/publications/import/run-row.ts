import "server-only";
import { mkdtemp, open, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { prisma, type Prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { tryGenerateBookCover } from "@/lib/publications/covers/store";
import { sha256OfFile } from "@/lib/publications/duplicates";
import { ingestPublicationFile } from "@/lib/publications/ingest";
import { ingestPdfFile } from "@/lib/publications/pdf/ingest-pdf";
import { getStorage } from "@/lib/storage";
import type { ImportRowMetadata } from "./csv";

// One row of an import, run once: its file is hashed, skipped when a book with that file is
// already in the catalog (so running an import again skips what it already brought in), else
// ingested like an upload and given the CSV's metadata. A refused file fails the row with the
// reason; anything else (the database away) is thrown, and the job is retried.

export type RowOutcome = { status: "IMPORTED" | "SKIPPED" | "FAILED"; reason?: string; publicationId?: string };

async function settle(rowId: string, outcome: RowOutcome, sha256?: string): Promise<RowOutcome> {
  await prisma.publicationImportRow.update({
    where: { id: rowId },
    data: { status: outcome.status, reason: outcome.reason ?? null, publicationId: outcome.publicationId ?? null, ...(sha256 ? { sha256 } : {}) },
  });
  return outcome;
}

/** Copies a staged file from storage to a local temporary file, for the EPUB reader. */
async function fetchStaged(key: string, dir: string): Promise<string | null> {
  const stored = await getStorage().get(key);
  if (!stored) return null;
  const path = join(dir, "book.epub");
  await pipeline(stored.body, createWriteStream(path, { mode: 0o600 }));
  return path;
}

/**
 * Runs the row `rowId`. `localFile` is where the CLI has the book on disk; otherwise the file is
 * the one staged in storage when the zip was uploaded. A row already settled is left as it is.
 */
export async function runImportRow(rowId: string, options: { localFile?: string } = {}): Promise<RowOutcome> {
  const row = await prisma.publicationImportRow.findUnique({ where: { id: rowId } });
  if (!row) return { status: "FAILED", reason: "The row no longer exists." };
  if (row.status !== "PENDING") return { status: row.status, reason: row.reason ?? undefined, publicationId: row.publicationId ?? undefined };
  const dir = await mkdtemp(join(tmpdir(), "folio-import-"));
  try {
    const path = options.localFile ?? (row.stagedKey ? await fetchStaged(row.stagedKey, dir) : null);
    if (!path) return await settle(rowId, { status: "FAILED", reason: `The file "${row.file}" was not among the files sent.` });
    const sha256 = await sha256OfFile(path);
    const existing = await prisma.publicationFile.findFirst({ where: { sha256 }, select: { publication: { select: { id: true, slug: true } } } });
    if (existing) {
      return await settle(rowId, { status: "SKIPPED", reason: `Already in the catalog as /read/${existing.publication.slug} (same file).`, publicationId: existing.publication.id }, sha256);
    }
    const meta = row.metadata as ImportRowMetadata;
    if (meta.isbn) {
      const sameIsbn = await prisma.publication.findFirst({ where: { isbn: meta.isbn }, select: { id: true, slug: true } });
      if (sameIsbn) return await settle(rowId, { status: "SKIPPED", reason: `Already in the catalog as /read/${sameIsbn.slug} (same ISBN).`, publicationId: sameIsbn.id }, sha256);
    }
    let publicationId: string;
    try {
      // A backlist mixes EPUBs and PDFs: the file's first bytes say which, as for an upload.
      const fields = { path, slug: meta.slug, isFree: meta.isFree, priceCents: meta.priceCents, published: meta.published };
      const created = (await isPdfFile(path)) ? await ingestPdfFile({ ...fields, fileName: row.file }) : await ingestPublicationFile(fields);
      publicationId = created.id;
    } catch (error) {
      if (isAppError(error)) return await settle(rowId, { status: "FAILED", reason: error.message }, sha256);
      throw error;
    }
    const overrides: Prisma.PublicationUpdateInput = {
      ...(meta.title ? { title: meta.title } : {}), ...(meta.author ? { author: meta.author } : {}), ...(meta.description ? { description: meta.description } : {}),
      ...(meta.isbn ? { isbn: meta.isbn } : {}),
    };
    if (Object.keys(overrides).length) await prisma.publication.update({ where: { id: publicationId }, data: overrides });
    const coverProblem = await tryGenerateBookCover(publicationId);
    return await settle(rowId, { status: "IMPORTED", publicationId, ...(coverProblem ? { reason: `Imported; its cover could not be used: ${coverProblem}` } : {}) }, sha256);
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (row.stagedKey && !options.localFile) {
      const after = await prisma.publicationImportRow.findUnique({ where: { id: rowId }, select: { status: true } });
      // The staged copy goes once the row is settled; a row to be retried keeps it.
      if (after && after.status !== "PENDING") {
        await getStorage().delete(row.stagedKey);
        await prisma.publicationImportRow.update({ where: { id: rowId }, data: { stagedKey: null } });
      }
    }
  }
}

/** True when the file starts like a PDF (`%PDF-` within its first 1,024 bytes, as uploads are told apart). */
async function isPdfFile(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).includes("%PDF-", 0, "latin1");
  } finally {
    await file.close();
  }
}
