import "server-only";
import { prisma } from "@/lib/db";
import { sql } from "@/lib/sql";
import { findPublication } from "@/lib/publications/reader-access";
import { userIdSchema } from "@/lib/reading/annotation-schemas";

export type BookStats = {
  slug: string;
  title: string;
  author: string;
  /** Active reading seconds, summed over sittings. */
  seconds: number;
  sessions: number;
  /** 0..1, from the saved position (a PDF: by pages). */
  percent: number;
  lastReadAt: Date | null;
  /** EPUB books are read in chapters, PDF books in pages: `seen` of `total` of them. */
  format: "EPUB" | "PDF";
  /** Chapters (pages) the reading clock has counted time in. */
  seen: number;
  total: number;
};

type Row = {
  slug: string; title: string; author: string; seconds: number; sessions: number; percent: number | null; lastReadAt: Date | null;
  format: "EPUB" | "PDF"; seen: number; total: number;
};

/** The person's reading, one row per book they opened, most recent first ("My reading"). */
export async function getMyReadingStats(input: { userId: string }): Promise<BookStats[]> {
  const userId = userIdSchema.parse(input.userId);
  const rows = await sql<Row>("my-reading-stats", `
    select p.slug, p.title, p.author,
           coalesce(s.seconds, 0)::int as seconds, coalesce(s.sessions, 0)::int as sessions,
           rp.percent, greatest(s.last, rp."updatedAt") as "lastReadAt", p.format::text as format,
           (select count(*)::int from "ChapterReading" cr where cr."userId" = $1 and cr."publicationId" = p.id) as seen,
           (select count(*)::int from "Chapter" c where c."publicationId" = p.id) as total
      from "Publication" p
      left join (select "publicationId", sum("activeSeconds") as seconds, count(*) as sessions, max("lastActiveAt") as last
                   from "ReadingSession" where "userId" = $1 group by "publicationId") s on s."publicationId" = p.id
      left join "ReadingProgress" rp on rp."publicationId" = p.id and rp."userId" = $1
     where s."publicationId" is not null or rp."userId" is not null
     order by greatest(s.last, rp."updatedAt") desc nulls last, p.title`, [userId]);
  return rows.map((r) => ({ ...r, percent: r.percent ?? 0 }));
}

/** The same numbers for one book. */
export async function getMyBookStats(input: { userId: string; slug: string }): Promise<BookStats> {
  const userId = userIdSchema.parse(input.userId);
  const publication = await findPublication({ userId }, input.slug);
  const [sessions, progress, seen, details] = await Promise.all([
    prisma.readingSession.aggregate({
      where: { userId, publicationId: publication.id },
      _sum: { activeSeconds: true },
      _count: { _all: true },
      _max: { lastActiveAt: true },
    }),
    prisma.readingProgress.findUnique({ where: { userId_publicationId: { userId, publicationId: publication.id } }, select: { percent: true, updatedAt: true } }),
    prisma.chapterReading.count({ where: { userId, publicationId: publication.id } }),
    prisma.publication.findUniqueOrThrow({ where: { id: publication.id }, select: { format: true, _count: { select: { chapters: true } } } }),
  ]);
  const last = [sessions._max.lastActiveAt, progress?.updatedAt].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    slug: publication.slug,
    title: publication.title,
    author: publication.author,
    seconds: sessions._sum.activeSeconds ?? 0,
    sessions: sessions._count._all,
    percent: progress?.percent ?? 0,
    lastReadAt: last,
    format: details.format,
    seen,
    total: details._count.chapters,
  };
}
