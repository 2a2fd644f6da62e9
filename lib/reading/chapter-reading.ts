import "server-only";
import { CHAPTER_END, READ_WORDS_PER_SECOND } from "@/lib/courses/reading-share";
import { sql } from "@/lib/sql";

// Per-chapter reading, fed by the heartbeat: the seconds the person's reading clock granted the
// beat go to the chapter the beat named, the furthest position only grows, and the chapter is
// marked read (once, never unmarked) when the "read" rule of lib/courses/reading-share.ts holds.

export type ChapterChange = {
  chapterIndex: number;
  activeSeconds: number;
  furthest: number;
  readAt: Date | null;
  /** The first beat in this chapter (the person started it). */
  created: boolean;
  /** This beat made the chapter count as read. */
  newlyRead: boolean;
};

type Row = { activeSeconds: number; furthest: number; readAt: Date | null; created: boolean; newlyRead: boolean };

// One statement, so parallel beats cannot both read the old row and lose time. The rule is the
// SQL twin of countsAsRead(): furthest >= CHAPTER_END and seconds >= ceil(words / words-per-second).
// `now() at time zone 'utc'` is the statement's own timestamp, so readAt equal to it means this
// statement set it. $1 user, $2 publication, $3 chapter, $4 granted seconds, $5 position,
// $6 CHAPTER_END, $7 READ_WORDS_PER_SECOND.
const RECORD = `
  with need as (
    select ceil(greatest(c."wordCount", 0)::numeric / $7::numeric)::int as seconds
    from "Chapter" c where c."publicationId" = $2 and c.index = $3)
  insert into "ChapterReading" as r ("userId", "publicationId", "chapterIndex", "activeSeconds", "furthest", "readAt", "updatedAt")
  select $1, $2, $3, $4::int, $5::float8,
         case when $5::float8 >= $6::float8 and $4::int >= need.seconds then (now() at time zone 'utc') end,
         (now() at time zone 'utc')
  from need
  on conflict ("userId", "publicationId", "chapterIndex") do update
     set "activeSeconds" = r."activeSeconds" + excluded."activeSeconds",
         "furthest" = greatest(r."furthest", excluded."furthest"),
         "readAt" = coalesce(r."readAt",
           case when greatest(r."furthest", excluded."furthest") >= $6::float8
                 and r."activeSeconds" + excluded."activeSeconds" >= (select seconds from need)
                then (now() at time zone 'utc') end),
         "updatedAt" = (now() at time zone 'utc')
  returning r."activeSeconds", r."furthest", r."readAt", (r.xmax = 0) as created,
            coalesce(r."readAt" = (now() at time zone 'utc')::timestamp(3), false) as "newlyRead"`;

/**
 * Adds `seconds` (what the clock granted, not what the client claimed) to the chapter, raises its
 * furthest position to `position`, and marks it read when the rule holds. Null when the book has
 * no such chapter.
 */
export async function recordChapterReading(input: {
  userId: string;
  publicationId: string;
  chapterIndex: number;
  position: number;
  seconds: number;
}): Promise<ChapterChange | null> {
  const position = Math.min(1, Math.max(0, input.position));
  const seconds = Math.max(0, Math.floor(input.seconds));
  const [row] = await sql<Row>("chapter-reading-record", RECORD, [
    input.userId, input.publicationId, input.chapterIndex, seconds, position, CHAPTER_END, READ_WORDS_PER_SECOND,
  ]);
  if (!row) return null;
  return { chapterIndex: input.chapterIndex, ...row };
}
