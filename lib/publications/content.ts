import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { htmlToText } from "@/lib/publications/epub/sanitize";
import { escapeLike } from "@/lib/publications/like-pattern";
import { assertCanRead, findPublication, type Viewer } from "@/lib/publications/reader-access";

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

/** The chapters whose stored HTML contains `word` literally (any case), in reading order. No access check. */
export async function chaptersContaining(publicationId: string, word: string) {
  return prisma.chapter.findMany({
    where: { publicationId, html: { contains: escapeLike(word), mode: "insensitive" } },
    select: { index: true, title: true, html: true },
    orderBy: { index: "asc" },
  });
}

/** Full-text search inside one book: plain-text matches with a snippet around each. */
export async function searchPublication(input: Viewer & { slug: string; query: string; limit?: number }): Promise<SearchHit[]> {
  const query = searchQuerySchema.parse(input.query);
  const limit = z.number().int().min(1).max(200).default(50).parse(input.limit);
  const publication = await findPublication(input, input.slug);
  await assertCanRead(input, publication.id);
  // Narrow in the database, then match on text: the stored HTML also holds markup and entities.
  const candidates = await chaptersContaining(publication.id, query.split(/\s+/).sort((a, b) => b.length - a.length)[0]!);
  const needle = query.toLocaleLowerCase();
  const hits: SearchHit[] = [];
  for (const chapter of candidates) {
    const text = htmlToText(chapter.html).replace(/\s+/g, " ");
    const lower = text.toLocaleLowerCase();
    for (let at = lower.indexOf(needle); at !== -1 && hits.length < limit; at = lower.indexOf(needle, at + needle.length)) {
      const start = Math.max(0, at - 60);
      const snippet = `${start > 0 ? "…" : ""}${text.slice(start, at + needle.length + 60).trim()}${at + needle.length + 60 < text.length ? "…" : ""}`;
      hits.push({ chapterIndex: chapter.index, chapterTitle: chapter.title, snippet, offset: at });
    }
    if (hits.length >= limit) break;
  }
  return hits;
}
