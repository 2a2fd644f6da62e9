import "server-only";
import { ACTIVE_GRANT_SQL, planIncludesText } from "@/lib/access/can-read";
import { sql } from "@/lib/sql";
import { coverRefOf, type CoverRef } from "@/lib/publications/covers/sizes";
import { userIdSchema } from "@/lib/reading/annotation-schemas";
import { getMyReadingStats, type BookStats } from "@/lib/reading/stats";

export type LibraryBook = {
  slug: string;
  title: string;
  author: string;
  hasCover: boolean;
  cover: CoverRef | null;
  isFree: boolean;
  /** 0..1 of the whole book, 0 before the first page. */
  percent: number;
  /** The chapter the person is in, or null if they never opened the book. */
  chapterIndex: number | null;
  lastReadAt: Date | null;
};

type Row = Omit<LibraryBook, "hasCover" | "cover"> & { coverPath: string | null; coverHash: string | null; coverColor: string | null };

/**
 * The published books this person may read (free, full access, or one of their plans, through
 * active grants only: the same rule as canRead), with where they are in each; books in progress first, most recent first.
 */
export async function listMyLibrary(input: { userId: string }): Promise<LibraryBook[]> {
  const userId = userIdSchema.parse(input.userId);
  // Read on every landing after a launch: one prepared statement.
  const rows = await sql<Row>("my-library", `
    with g as (
      select g.kind, g."planId", coalesce(pl."allPublications", false) as "allPublications"
        from "AccessGrant" g left join "Plan" pl on pl.id = g."planId"
        left join "Integration" i on i.id = g."integrationId"
       where g."userId" = $1 and ${ACTIVE_GRANT_SQL}
    )
    select p.slug, p.title, p.author, p."coverPath", p."coverHash", p."coverColor", p."isFree",
           coalesce(rp.percent, 0)::float8 as percent, rp."chapterIndex", rp."updatedAt" as "lastReadAt"
      from "Publication" p
      left join "ReadingProgress" rp on rp."publicationId" = p.id and rp."userId" = $1
     where p.published
       and (p."isFree"
            or exists (select 1 from g where g.kind = 'FULL' or g."allPublications")
            or exists (select 1 from g where ${planIncludesText(`g."planId"`, "p.id")}))
     order by rp."updatedAt" desc nulls last, p.title asc`, [userId]);
  return rows.map(({ coverPath, coverHash, coverColor, ...r }) => ({ ...r, hasCover: !!coverPath, cover: coverRefOf({ coverHash, coverColor }) }));
}

/** What the "My library" page shows, as its API sends it (dates as ISO strings). */
export type MyLibrary = {
  me: { name: string; role: string };
  books: (Omit<LibraryBook, "lastReadAt"> & { lastReadAt: string | null })[];
  reading: (Omit<BookStats, "lastReadAt"> & { lastReadAt: string | null })[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loadMyLibrary(user: { id: string; displayName: string; role: string }): Promise<MyLibrary> {
  const [books, reading] = await Promise.all([listMyLibrary({ userId: user.id }), getMyReadingStats({ userId: user.id })]);
  return {
    me: { name: user.displayName, role: user.role },
    books: books.map((b) => ({ ...b, lastReadAt: iso(b.lastReadAt) })),
    reading: reading.map((b) => ({ ...b, lastReadAt: iso(b.lastReadAt) })),
  };
}
