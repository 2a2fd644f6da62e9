import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { prisma } from "@/lib/db";
import { openEpub } from "@/lib/publications/epub/parse-epub";

// Duplicates are warned about, not refused: a second copy may be meant (another edition kept
// apart, a test copy). The same file is found by its SHA-256, the same book by its ISBN or by
// title and author (case- and space-insensitive).

export type Duplicate = { id: string; slug: string; title: string; author: string; reason: "same-file" | "same-isbn" | "same-title-and-author" };

/** SHA-256 of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const squash = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** Publications with this file, or this title and author. */
export async function findDuplicates(input: { sha256?: string; isbn?: string | null; title?: string | null; author?: string | null }): Promise<Duplicate[]> {
  const found = new Map<string, Duplicate>();
  if (input.sha256) {
    const rows = await prisma.publication.findMany({ where: { file: { sha256: input.sha256 } }, select: { id: true, slug: true, title: true, author: true }, take: 5 });
    for (const r of rows) found.set(r.id, { ...r, reason: "same-file" });
  }
  if (input.isbn) {
    const rows = await prisma.publication.findMany({ where: { isbn: input.isbn }, select: { id: true, slug: true, title: true, author: true }, take: 5 });
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, { ...r, reason: "same-isbn" });
  }
  if (input.title && input.author) {
    const rows = await prisma.$queryRaw<{ id: string; slug: string; title: string; author: string }[]>`
      select id, slug, title, author from "Publication"
       where lower(regexp_replace(btrim(title), '\\s+', ' ', 'g')) = ${squash(input.title)}
         and lower(regexp_replace(btrim(author), '\\s+', ' ', 'g')) = ${squash(input.author)}
       limit 5`;
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, { ...r, reason: "same-title-and-author" });
  }
  return [...found.values()];
}

/** Duplicates of an uploaded EPUB: its hash, and its title and author when the file opens. */
export async function findUploadDuplicates(path: string, kind: "epub" | "pdf" = "epub"): Promise<Duplicate[]> {
  const sha256 = await sha256OfFile(path);
  let title: string | null = null;
  let author: string | null = null;
  let isbn: string | null = null;
  // A PDF's title is known only once its worker has read it: the same file is what is compared
  // (a PDF may be 320 MB and is never read whole on the request thread).
  if (kind === "pdf") return findDuplicates({ sha256, title, author });
  try {
    const opened = await openEpub(await readFile(path));
    ({ title, author, isbn } = opened.book.metadata);
  } catch {
    // Not an EPUB that opens: the ingestion that follows says why.
  }
  return findDuplicates({ sha256, isbn, title, author });
}

/** One sentence for the person uploading. */
export function describeDuplicates(duplicates: Duplicate[]): string {
  const first = duplicates[0]!;
  const what = first.reason === "same-file" ? "This exact file is already"
    : first.reason === "same-isbn" ? "A book with the same ISBN is already" : "A book with the same title and author is already";
  const more = duplicates.length > 1 ? ` (and ${duplicates.length - 1} more)` : "";
  return `${what} in the catalog: "${first.title}" by ${first.author}, at /read/${first.slug}${more}. Upload it anyway, or cancel.`;
}
