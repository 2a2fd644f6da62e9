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
  /** Chapters (a PDF: pages) in the range. */
  chapters: number;
  /** What the book is read in: an EPUB's chapters, a PDF's pages. */
  unit: "chapter" | "page";
  graded: boolean;
  scoreMaximum: number | null;
  /** Where a reader opens it. */
  href: string;
};

type Row = {
  id: string; title: string | null; slug: string; bookTitle: string; author: string;
  startChapter: number | null; endChapter: number | null; startTitle: string | null; endTitle: string | null;
  scoreMaximum: number | null; lineItemUrl: string | null; chapters: number; format: "EPUB" | "PDF";
};

function rangeLabel(row: Row): string {
  if (row.startChapter === null && row.endChapter === null) return "Whole book";
  if (row.format === "PDF") {
    // A PDF range is a page range, named by the printed page numbers the reader shows.
    const start = (row.startChapter ?? 0) + 1;
    if (row.endChapter === null) return `Page ${start} to the end`;
    return row.endChapter === (row.startChapter ?? 0) ? `Page ${start}` : `Pages ${start}–${row.endChapter + 1}`;
  }
  const start = row.startTitle ?? (row.startChapter === null ? "the beginning" : `part ${row.startChapter + 1}`);
  const end = row.endTitle ?? (row.endChapter === null ? "the end" : `part ${row.endChapter + 1}`);
  return row.startChapter === row.endChapter ? start : `${start} – ${end}`;
}

/** The course's readings, oldest link first. */
export async function listCourseReadings(courseId: string): Promise<CourseReading[]> {
  const rows = await sql<Row>("courses-readings", `
    select l.id, l.title, p.slug, p.title as "bookTitle", p.author, l."startChapter", l."endChapter",
           sc.title as "startTitle", ec.title as "endTitle", l."scoreMaximum", l."lineItemUrl", p.format::text as format,
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
    unit: row.format === "PDF" ? "page" : "chapter",
    graded: row.scoreMaximum !== null || row.lineItemUrl !== null,
    scoreMaximum: row.scoreMaximum,
    href: `/read/${encodeURIComponent(row.slug)}?link=${encodeURIComponent(row.id)}`,
  }));
}
