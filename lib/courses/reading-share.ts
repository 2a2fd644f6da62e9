import "server-only";
import { sql } from "@/lib/sql";

// How much of an assigned reading a person has read (docs/decisions/0019).
//
// A chapter counts as read once its end was reached and the person spent active reading time in
// it in proportion to its length: at least one second per READ_WORDS_PER_SECOND words, that is
// 600 words a minute, well above a careful reader's pace and below skimming. Scrolling through
// reaches the end without the time; leaving the book open on one page gives time without the end.
// A chapter's `readAt` is set by the heartbeat (lib/reading/chapter-reading.ts) and never unset.
//
// The share of a reading is weighted by words: the read chapters' words over the range's words
// (by chapters when the range has no words at all, e.g. a picture book).

/** Words per active second a chapter may be read at and still count (600 words a minute). */
export const READ_WORDS_PER_SECOND = 10;
/** The fraction of a chapter that counts as its end (the last screen rarely scrolls to 1.0). */
export const CHAPTER_END = 0.95;

/** Active seconds a chapter of this many words needs before it counts as read. */
export function secondsToRead(wordCount: number): number {
  return Math.ceil(Math.max(0, wordCount) / READ_WORDS_PER_SECOND);
}

/** Whether a chapter with this reading counts as read. */
export function countsAsRead(chapter: { wordCount: number }, reading: { furthest: number; activeSeconds: number }): boolean {
  return reading.furthest >= CHAPTER_END && reading.activeSeconds >= secondsToRead(chapter.wordCount);
}

export type ReadingStatus = "not-started" | "reading" | "done";

export type LinkProgress = {
  resourceLinkId: string;
  userId: string;
  /** Share of the range read, 0..1, weighted by words. */
  share: number;
  readChapters: number;
  totalChapters: number;
  /** Active seconds in the range's chapters. */
  activeSeconds: number;
  lastReadAt: Date | null;
  /** Every chapter of the range is read. */
  completed: boolean;
  status: ReadingStatus;
};

type Row = {
  linkId: string; userId: string; readWords: string | number; words: string | number;
  readChapters: number; chapters: number; active: number; last: Date | null;
};

// $1 course id, $2 resource link id, $3 user id: each filters when set. A link without a
// publication has nothing to read; a range past the book's end is clipped to its chapters.
const PROGRESS = `
  with links as (
    select l.id, l."publicationId", coalesce(l."startChapter", 0) as s, coalesce(l."endChapter", 2147483647) as e
    from "ResourceLink" l
    where l."publicationId" is not null
      and ($1::text is null or l."courseId" = $1) and ($2::text is null or l.id = $2)),
  totals as (
    select l.id, coalesce(sum(c."wordCount"), 0) as words, count(*)::int as chapters
    from links l join "Chapter" c on c."publicationId" = l."publicationId" and c.index between l.s and l.e
    group by l.id)
  select l.id as "linkId", r."userId",
         coalesce(sum(c."wordCount") filter (where r."readAt" is not null), 0) as "readWords", t.words,
         (count(*) filter (where r."readAt" is not null))::int as "readChapters", t.chapters,
         coalesce(sum(r."activeSeconds"), 0)::int as active, max(r."updatedAt") as last
  from links l
  join totals t on t.id = l.id
  join "ChapterReading" r on r."publicationId" = l."publicationId" and r."chapterIndex" between l.s and l.e
  join "Chapter" c on c."publicationId" = r."publicationId" and c.index = r."chapterIndex"
  where ($3::text is null or r."userId" = $3)
    -- A course's readings count its members only: a book shared by many courses is read by many.
    and ($1::text is null or exists (select 1 from "CourseMembership" m where m."courseId" = $1 and m."userId" = r."userId"))
  group by l.id, r."userId", t.words, t.chapters`;

function toProgress(row: Row): LinkProgress {
  const words = Number(row.words);
  const share = words > 0 ? Number(row.readWords) / words : row.chapters > 0 ? row.readChapters / row.chapters : 0;
  const completed = row.chapters > 0 && row.readChapters >= row.chapters;
  const started = row.active > 0 || row.readChapters > 0 || row.last !== null;
  return {
    resourceLinkId: row.linkId,
    userId: row.userId,
    share: completed ? 1 : Math.min(1, share),
    readChapters: row.readChapters,
    totalChapters: row.chapters,
    activeSeconds: row.active,
    lastReadAt: row.last,
    completed,
    status: completed ? "done" : started ? "reading" : "not-started",
  };
}

/**
 * Progress on readings, one entry per (link, person) who has read anything in its range; people
 * with no entry have not started. Filter by course, link and/or person.
 */
export async function readingProgress(filter: { courseId?: string; resourceLinkId?: string; userId?: string }): Promise<LinkProgress[]> {
  if (!filter.courseId && !filter.resourceLinkId && !filter.userId) throw new Error("readingProgress needs a course, a link or a person.");
  const rows = await sql<Row>("courses-reading-progress", PROGRESS, [filter.courseId ?? null, filter.resourceLinkId ?? null, filter.userId ?? null]);
  return rows.map(toProgress);
}

/** One person's progress on one link (not started when they have read nothing in its range). */
export async function linkProgressFor(resourceLinkId: string, userId: string): Promise<LinkProgress> {
  const [progress] = await readingProgress({ resourceLinkId, userId });
  return progress ?? {
    resourceLinkId, userId, share: 0, readChapters: 0, totalChapters: 0, activeSeconds: 0, lastReadAt: null, completed: false, status: "not-started",
  };
}
