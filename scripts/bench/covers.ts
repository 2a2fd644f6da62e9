// Cover thumbnail bytes for the demo books (or the EPUBs given), made the way an upload makes them:
//   npm run bench:covers -- [book.epub ...]
// Prints, per book, the cover's original size and format, then each thumbnail's bytes. No database.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";

const files = process.argv.slice(2).length ? process.argv.slice(2) : ["alice-in-wonderland", "pride-and-prejudice", "adventures-of-sherlock-holmes", "war-and-peace"].map((n) => `prisma/demo-books/${n}.epub`);
const { openEpub } = await import("@/lib/publications/epub/parse-epub");
const { makeCoverThumbnails } = await import("@/lib/publications/covers/thumbnails");

for (const file of files) {
  const opened = await openEpub(await readFile(file));
  const path = opened.book.coverPath;
  if (!path) {
    console.log(`${basename(file)}: no cover`);
    continue;
  }
  const source = await opened.archive.readBytes(path);
  const started = performance.now();
  const made = await makeCoverThumbnails(source);
  const ms = Math.round(performance.now() - started);
  const sizes = made.images.map((i) => `${i.width}.${i.format} ${(i.bytes.length / 1024).toFixed(1)} KB`).join(", ");
  console.log(`${basename(file)}: cover ${path.split(".").pop()} ${(source.length / 1024).toFixed(0)} KB -> ${sizes} (colour ${made.color}, ${ms} ms)`);
}
