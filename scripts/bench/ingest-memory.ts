// Peak memory of ingesting one EPUB the way an upload does, in a fresh process:
//   npm run bench:ingest -- [file.epub] [buffer|file]   (DATABASE_URL, or this checkout's embedded Postgres)
// "buffer" is the old path (the whole upload held as a File, copied to a Uint8Array), "file"
// the new one (the upload streamed to a temporary file, ingestion reading it from there).
// Prints the file size, resident memory before, the peak while ingesting, and the peak over size.
// The file is stored in the configured storage backend (STORAGE_DIR, or S3_BUCKET) like an upload.
import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const path = process.argv[2] ?? "prisma/demo-books/war-and-peace.epub";
const mode = process.argv[3] ?? "file";
const { prisma } = await import("@/lib/db");
const ingest = await import("@/lib/publications/ingest");
await prisma.$queryRaw`select 1`;
const size = (await stat(path)).size;
const slug = `memory-${Date.now()}`;

global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);

let id: string;
if (mode === "buffer") {
  const file = new File([await readFile(path)], "book.epub");
  id = (await ingest.ingestPublication({ data: new Uint8Array(await file.arrayBuffer()), slug })).id;
} else {
  const dir = await mkdtemp(join(tmpdir(), "folio-measure-"));
  await copyFile(path, join(dir, "book.epub"));
  const fromFile = (ingest as Record<string, unknown>).ingestPublicationFile as (input: { path: string; slug: string }) => Promise<{ id: string }>;
  id = (await fromFile({ path: join(dir, "book.epub"), slug })).id;
  await rm(dir, { recursive: true });
}
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
// Deleted the way the Control Panel deletes, so its stored file goes too.
const { deletePublication } = await import("@/lib/publications/manage");
await deletePublication({ id, confirm: true });
await prisma.$disconnect();

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(`${mode}: file ${mb(size)} MB, rss before ${mb(before)} MB, peak ${mb(peak)} MB, growth ${mb(peak - before)} MB = ${((peak - before) / size).toFixed(1)}× the file`);
