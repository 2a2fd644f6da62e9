import "server-only";
import { prisma } from "@/lib/db";
import { userIdSchema } from "@/lib/reading/annotation-schemas";

export type LibraryBook = {
  slug: string;
  title: string;
  author: string;
  hasCover: boolean;
  isFree: boolean;
  /** 0..1 of the whole book, 0 before the first page. */
  percent: number;
  /** The chapter the person is in, or null if they never opened the book. */
  chapterIndex: number | null;
  lastReadAt: Date | null;
};

type Row = Omit<LibraryBook, "hasCover"> & { coverPath: string | null };

/**
 * The published books this person may read (free, full access, or one of their plans: the same
 * rule as canRead), with where they are in each; books in progress first, most recent first.
 */
export async function listMyLibrary(input: { userId: string }): Promise<LibraryBook[]> {
  const userId = userIdSchema.parse(input.userId);
  const rows = await prisma.$queryRaw<Row[]>`
    with g as (
      select g.kind, g."planId", coalesce(pl."allPublications", false) as "allPublications"
        from "AccessGrant" g left join "Plan" pl on pl.id = g."planId"
       where g."userId" = ${userId}
    )
    select p.slug, p.title, p.author, p."coverPath", p."isFree",
           coalesce(rp.percent, 0)::float8 as percent, rp."chapterIndex", rp."updatedAt" as "lastReadAt"
      from "Publication" p
      left join "ReadingProgress" rp on rp."publicationId" = p.id and rp."userId" = ${userId}
     where p.published
       and (p."isFree"
            or exists (select 1 from g where g.kind = 'FULL' or g."allPublications")
            or exists (select 1 from g join "PlanPublication" pp on pp."planId" = g."planId" where pp."publicationId" = p.id))
     order by rp."updatedAt" desc nulls last, p.title asc`;
  return rows.map(({ coverPath, ...r }) => ({ ...r, hasCover: !!coverPath }));
}
