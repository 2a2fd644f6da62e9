import "server-only";
import { sql } from "@/lib/sql";

// A course's readings: its resource links that open a publication, with the assigned range named
// by its chapters' titles. Shared by the instructor's and the learner's views.

export type CourseReading = {
  id: string;
  title: string;
  book: { slug: string; title: string; author: string };
  /** "Whole book", or "Chapter 3 – Chapter 5". */
  range: string;
  /** Chapters in the range. */
  chapters: number;
  graded: boolean;
  scoreMaximum: number | null;
  /** Where a reader opens it. */
  href: string;
};

type Row = {
  id: string; title: string | null; slug: string; bookTitle: string; author: string;
  startChapter: number | null; endChapter: number | null; startTitle: string | null; endTitle: string | null;
  scoreMaximum: number | null; lineItemUrl: string | null; chapters: number;
};

function rangeLabel(row: Row): string {
  if (row.startChapter === null && row.endChapter === null) return "Whole book";
  const start = row.startTitle ?? (row.startChapter === null ? "the beginning" : `part ${row.startChapter + 1}`);
  const end = row.endTitle ?? (row.endChapter === null ? "the end" : `part ${row.endChapter + 1}`);
  return row.startChapter === row.endChapter ? start : `${start} – ${end}`;
}

/** The course's readings, oldest link first. */
export async function listCourseReadings(courseId: string): Promise<CourseReading[]> {
  const rows = await sql<Row>("courses-readings", `
    select l.id, l.title, p.slug, p.title as "bookTitle", p.author, l."startChapter", l."endChapter",
           sc.title as "startTitle", ec.title as "endTitle", l."scoreMaximum", l."lineItemUrl",
           (select count(*)::int from "Chapter" c where c."publicationId" = p.id
              and c.index between coalesce(l."startChapter", 0) and coalesce(l."endChapter", 2147483647)) as chapters
    from "ResourceLink" l
    join "Publication" p on p.id = l."publicationId"
    left join "Chapter" sc on sc."publicationId" = p.id and sc.index = l."startChapter"
    left join "Chapter" ec on ec."publicationId" = p.id and ec.index = l."endChapter"
    where l."courseId" = $1
    order by l."createdAt", l.id`, [courseId]);
  return rows.map((row) => ({
    id: row.id,
    title: row.title ?? row.bookTitle,
    book: { slug: row.slug, title: row.bookTitle, author: row.author },
    range: rangeLabel(row),
    chapters: row.chapters,
    graded: row.scoreMaximum !== null || row.lineItemUrl !== null,
    scoreMaximum: row.scoreMaximum,
    href: `/read/${encodeURIComponent(row.slug)}?link=${encodeURIComponent(row.id)}`,
  }));
}
