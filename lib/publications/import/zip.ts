import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { enqueueImportRows } from "./jobs";

// The zip of an import uploaded in the Control Panel. It is read from disk entry by entry
// (yauzl: the central directory, then one entry streamed at a time), never whole in memory; only
// entries a row names are extracted, each capped, and staged in storage for the row's job.

export const MAX_IMPORT_ZIP_BYTES = 1024 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
/** One book, as an upload: the EPUB reader's own cap. */
const MAX_ENTRY_BYTES = 100 * 1024 * 1024;
const MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;

const refuse = (message: string) => new AppError("BAD_INPUT", message, { fields: { zip: message } });

type ZipFile = yauzl.ZipFile;
const openZip = (path: string) => new Promise<ZipFile>((resolve, reject) =>
  yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, zip) => (error ? reject(error) : resolve(zip))));

/** Copies the entry to `path`, stopping past its declared size or the cap (headers can lie). */
async function extract(zip: ZipFile, entry: yauzl.Entry, path: string): Promise<void> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s))));
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_ENTRY_BYTES || size > entry.uncompressedSize) return done(refuse(`"${entry.fileName.slice(0, 120)}" unpacks to more than it declares or than ${MAX_ENTRY_BYTES / 1024 / 1024} MB.`));
      done(null, chunk);
    },
  });
  await pipeline(stream, counter, createWriteStream(path, { mode: 0o600 }));
}

/**
 * Stages the files an import's rows name from the zip at `zipPath`, then queues a job per row.
 * Rows whose file is not in the zip fail with that reason. Refused whole: a zip that cannot be
 * read, or holds too many entries or too many bytes.
 */
/** The import's rows, when it still waits for its files; checked before a zip is read. */
export async function rowsWaitingForFiles(importId: string) {
  const batch = await prisma.publicationImport.findUnique({ where: { id: importId }, select: { source: true } });
  if (!batch || batch.source !== "upload") throw new AppError("NOT_FOUND", "That import does not exist.");
  const rows = await prisma.publicationImportRow.findMany({ where: { importId }, select: { id: true, line: true, file: true, status: true, stagedKey: true } });
  if (rows.some((r) => r.stagedKey || r.status === "IMPORTED" || r.status === "SKIPPED")) {
    throw new AppError("CONFLICT", "This import already has its files. Start a new import to send them again.");
  }
  return rows;
}

export async function stageImportZip(input: { importId: string; zipPath: string }): Promise<{ staged: number; missing: number }> {
  const rows = await rowsWaitingForFiles(input.importId);
  const wanted = new Map<string, typeof rows>();
  for (const r of rows.filter((r) => r.status === "PENDING")) wanted.set(r.file, [...(wanted.get(r.file) ?? []), r]);

  let zip: ZipFile;
  try {
    zip = await openZip(input.zipPath);
  } catch {
    throw refuse("That file is not a zip archive, or the archive is damaged.");
  }
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw refuse(`The zip holds more than ${MAX_ENTRIES.toLocaleString("en-US")} files; split the import.`);
  }
  const dir = await mkdtemp(join(tmpdir(), "folio-import-zip-"));
  // Each upload stages under its own prefix: two uploads racing for one import never overwrite
  // (or, on failure, delete) each other's files; which of them a row takes is decided below.
  const upload = randomUUID();
  const staged = new Map<string, string>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", resolve);
      zip.on("entry", (entry: yauzl.Entry) => {
        void (async () => {
          const name = entry.fileName.replace(/^\.\//, "");
          const forRows = wanted.get(name);
          if (!forRows || /\/$/.test(name) || staged.has(name)) return zip.readEntry();
          total += entry.uncompressedSize;
          if (total > MAX_TOTAL_BYTES) throw refuse(`The books in the zip add up to more than ${MAX_TOTAL_BYTES / 1024 ** 3} GB; split the import.`);
          const local = join(dir, `${forRows[0]!.line}.epub`);
          await extract(zip, entry, local);
          const key = `imports/${input.importId}/${upload}/${forRows[0]!.line}.epub`;
          await getStorage().putFile(key, local, "application/epub+zip");
          await rm(local, { force: true });
          staged.set(name, key);
          zip.readEntry();
        })().catch((error: unknown) => {
          zip.close();
          reject(error);
        });
      });
      zip.readEntry();
    });
  } catch (error) {
    await Promise.all([...staged.values()].map((key) => getStorage().delete(key)));
    throw error instanceof AppError ? error : refuse("The zip could not be read to the end; it may be damaged.");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // Rows naming the same file share its staged copy only for the first; the others are duplicates of it.
  // Every update is conditional on the row still waiting with nothing staged, so when two uploads
  // for one import race past the check above, each row is taken (and queued) by one of them only.
  const waiting = { status: "PENDING" as const, stagedKey: null };
  const queued: string[] = [];
  let missing = 0;
  for (const [name, forRows] of wanted) {
    const key = staged.get(name);
    if (!key) {
      const failed = await prisma.publicationImportRow.updateMany({ where: { id: { in: forRows.map((r) => r.id) }, ...waiting }, data: { status: "FAILED", reason: `The file "${name}" is not in the zip.` } });
      missing += failed.count;
      continue;
    }
    const [first, ...rest] = forRows;
    const claimed = await prisma.publicationImportRow.updateMany({ where: { id: first!.id, ...waiting }, data: { stagedKey: key } });
    if (claimed.count === 0) {
      await getStorage().delete(key);
      continue;
    }
    queued.push(first!.id);
    if (rest.length) {
      await prisma.publicationImportRow.updateMany({ where: { id: { in: rest.map((r) => r.id) }, ...waiting }, data: { status: "SKIPPED", reason: `Same file as line ${first!.line}.` } });
    }
  }
  await enqueueImportRows(queued);
  return { staged: queued.length, missing };
}
