import "server-only";
import { sql } from "@/lib/sql";
import { estimatePace, MAX_WORDS_PER_MINUTE, type Pace } from "@/lib/reading/time-left";

type Row = { words: number | null; seconds: number | null };

// Over every book the person read: per chapter, the words their furthest point covered (no more
// than the top pace allows for the time spent there, lib/reading/time-left.ts wordsCovered) and
// the active seconds the reading clock counted in it.
const PACE = `
  select sum(least(greatest(r.furthest, 0) * c."wordCount", r."activeSeconds" * $2::float8 / 60))::float8 as words,
         sum(r."activeSeconds")::float8 as seconds
    from "ChapterReading" r
    join "Chapter" c on c."publicationId" = r."publicationId" and c.index = r."chapterIndex"
   where r."userId" = $1 and r."activeSeconds" > 0`;

/** The person's reading pace, measured from their reading clock (the default for a new reader). */
export async function getReadingPace(userId: string | null): Promise<Pace> {
  if (!userId) return estimatePace({ words: 0, seconds: 0 });
  const [row] = await sql<Row>("reading-pace", PACE, [userId, MAX_WORDS_PER_MINUTE]);
  return estimatePace({ words: row?.words ?? 0, seconds: row?.seconds ?? 0 });
}
