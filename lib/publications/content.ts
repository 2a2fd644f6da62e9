import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { htmlToText } from "@/lib/publications/epub/sanitize";
import { findMatches, foldWords } from "@/lib/publications/search-fold";
import { sql } from "@/lib/sql";
import { assertCanRead, findPublication, type Viewer } from "@/lib/publications/reader-access";
import { canRead } from "@/lib/access/can-read";

type ChapterLink = { index: number; title: string } | null;

export type ReaderChapter = {
  publication: { slug: string; title: string; author: string };
  index: number;
  count: number;
  title: string;
  html: string;
  prev: ChapterLink;
  next: ChapterLink;
};

const chapterNotFound = () => new AppError("NOT_FOUND", "This publication has no such chapter.");

/** One sanitized chapter with its neighbours; the access check runs alongside the reads. */
export async function getChapterForReader(input: Viewer & { slug: string; index: number }): Promise<ReaderChapter> {
  const index = z.coerce.number().int().min(0).max(100_000).safeParse(input.index);
  if (!index.success) throw chapterNotFound();
  const i = index.data;
  const publication = await findPublication(input, input.slug);
  const [, chapter, neighbours] = await Promise.all([
    assertCanRead(input, publication.id),
    prisma.chapter.findUnique({ where: { publicationId_index: { publicationId: publication.id, index: i } }, select: { title: true, html: true } }),
    prisma.chapter.findMany({ where: { publicationId: publication.id, index: { in: [i - 1, i + 1] } }, select: { index: true, title: true } }),
  ]);
  if (!chapter) throw chapterNotFound();
  const link = (n: number): ChapterLink => neighbours.find((c) => c.index === n) ?? null;
  return {
    publication: { slug: publication.slug, title: publication.title, author: publication.author },
    index: i,
    count: publication._count.chapters,
    title: chapter.title,
    html: chapter.html,
    prev: link(i - 1),
    next: link(i + 1),
  };
}

/** An image, stylesheet or font of the book, for a reader who may read it. */
export async function getAssetForReader(input: Viewer & { slug: string; path: string }) {
  const path = z.string().min(1).max(1000).safeParse(input.path);
  if (!path.success) throw new AppError("NOT_FOUND", "This publication has no such file.");
  const publication = await findPublication(input, input.slug);
  const [, asset] = await Promise.all([
    assertCanRead(input, publication.id),
    prisma.publicationAsset.findUnique({
      where: { publicationId_path: { publicationId: publication.id, path: path.data } },
      select: { data: true, mediaType: true },
    }),
  ]);
  if (!asset) throw new AppError("NOT_FOUND", "This publication has no such file.");
  return { data: asset.data, mediaType: asset.mediaType };
}

/** The cover image: public for published books (the catalog shows it), like the title. */
export async function getCover(input: { slug: string; isAdmin?: boolean }) {
  const publication = await findPublication({ userId: null, isAdmin: input.isAdmin }, input.slug);
  const asset = publication.coverPath
    ? await prisma.publicationAsset.findUnique({
        where: { publicationId_path: { publicationId: publication.id, path: publication.coverPath } },
        select: { data: true, mediaType: true },
      })
    : null;
  if (!asset) throw new AppError("NOT_FOUND", "This publication has no cover.");
  return { data: asset.data, mediaType: asset.mediaType };
}

export const searchQuerySchema = z.string().trim().min(2, "Search for at least two characters.").max(100, "Use at most 100 characters.");

export type SearchHit = { chapterIndex: number; chapterTitle: string; snippet: string; offset: number };

/**
 * The chapters whose words (title and text, folded as in docs/decisions/0029) hold every word of
 * the query, the last as a prefix, in reading order: the GIN index on "Chapter"."searchVector".
 * No access check.
 */
export async function chaptersMatching(publicationId: string, query: string): Promise<number[]> {
  const rows = await sql<{ index: number }>("chapters-matching", `
    select index from "Chapter"
     where "publicationId" = $1 and "searchVector" @@ (select folio_search_query($2, false))
     order by index`, [publicationId, query]);
  return rows.map((r) => r.index);
}

// Chapters are read for snippets a few at a time, stopping once enough hits are found.
const SNIPPET_BATCH = 8;

/** Full-text search inside one book: accent-, case- and punctuation-insensitive, with a snippet around each match. */
export async function searchPublication(input: Viewer & { slug: string; query: string; limit?: number }): Promise<SearchHit[]> {
  const query = searchQuerySchema.parse(input.query);
  const limit = z.number().int().min(1).max(200).default(50).parse(input.limit);
  const publication = await findPublication(input, input.slug);
  await assertCanRead(input, publication.id);
  const words = foldWords(query);
  if (!words.length) return [];
  const indexes = await chaptersMatching(publication.id, query);
  const hits: SearchHit[] = [];
  for (let i = 0; i < indexes.length && hits.length < limit; i += SNIPPET_BATCH) {
    const chapters = await prisma.chapter.findMany({
      where: { publicationId: publication.id, index: { in: indexes.slice(i, i + SNIPPET_BATCH) } },
      select: { index: true, title: true, html: true },
      orderBy: { index: "asc" },
    });
    for (const chapter of chapters) {
      const text = htmlToText(chapter.html).replace(/\s+/g, " ");
      for (const { start, end } of findMatches(text, words, limit - hits.length)) {
        const from = Math.max(0, start - 60);
        const to = Math.min(text.length, end + 60);
        const snippet = `${from > 0 ? "…" : ""}${text.slice(from, to).trim()}${to < text.length ? "…" : ""}`;
        hits.push({ chapterIndex: chapter.index, chapterTitle: chapter.title, snippet, offset: start });
      }
      if (hits.length >= limit) break;
    }
  }
  return hits;
}

export type PassageHit = {
  slug: string; title: string; author: string;
  /** Chapters (pages of a PDF) of this book that hold the words. */
  chapters: number;
  chapterIndex: number; chapterTitle: string;
  /** Words around the first match; null when the viewer may not read the book (its text stays private). */
  snippet: string | null;
};

/**
 * The site search's second half: published books whose text holds the words (the chapters' GIN
 * index, as in searchPublication), the books with the most matching chapters first, each with its
 * best chapter. A snippet only for a book the viewer can read: the catalog shows no one a paid
 * book's text.
 */
export async function searchInsideBooks(viewer: Viewer, rawQuery: string, limit = 6): Promise<PassageHit[]> {
  const parsed = searchQuerySchema.safeParse(rawQuery);
  if (!parsed.success) return [];
  const words = foldWords(parsed.data);
  if (!words.length) return [];
  const rows = await sql<{ id: string; slug: string; title: string; author: string; chapters: number; chapterIndex: number; chapterTitle: string }>("search-inside-books", `
    with q as (select folio_search_query($1, false) as q),
    hits as (
      select c."publicationId", c.index, c.title, ts_rank(c."searchVector", q.q) as rank
        from "Chapter" c join "Publication" p on p.id = c."publicationId" and p.published, q
       where c."searchVector" @@ q.q),
    best as (
      select distinct on ("publicationId") "publicationId", index, title, count(*) over (partition by "publicationId") as n
        from hits order by "publicationId", rank desc, index)
    select p.id, p.slug, p.title, p.author, b.n::int as chapters, b.index as "chapterIndex", b.title as "chapterTitle"
      from best b join "Publication" p on p.id = b."publicationId"
     order by b.n desc, lower(p.title) limit $2`, [parsed.data, limit]);
  return Promise.all(rows.map(async ({ id, ...row }) => {
    const readable = viewer.isAdmin || (await canRead(viewer.userId, id, viewer.guestIntegrationId ?? null));
    let snippet: string | null = null;
    if (readable) {
      const chapter = await prisma.chapter.findUnique({ where: { publicationId_index: { publicationId: id, index: row.chapterIndex } }, select: { html: true } });
      const text = htmlToText(chapter?.html ?? "").replace(/\s+/g, " ");
      const [match] = findMatches(text, words, 1);
      if (match) {
        const from = Math.max(0, match.start - 80);
        const to = Math.min(text.length, match.end + 80);
        snippet = `${from > 0 ? "…" : ""}${text.slice(from, to).trim()}${to < text.length ? "…" : ""}`;
      }
    }
    return { ...row, snippet };
  }));
}
