import "server-only";
import { z } from "zod";
import { prisma, Prisma } from "@/lib/db";
import { displayName } from "@/lib/users/display-name";

// For the control panel; callers check requireAdmin(). Time counts sittings that started in the window.

export const adminStatsFilterSchema = z.object({
  days: z.coerce.number().int().min(1).max(3660).default(30),
  /** Only people who came through this integration. */
  integrationId: z.string().min(1).max(64).optional(),
  publicationId: z.string().min(1).max(64).optional(),
});
export type AdminStatsFilter = z.input<typeof adminStatsFilterSchema>;

function sessionFilter(input: AdminStatsFilter) {
  const f = adminStatsFilterSchema.parse(input);
  return Prisma.sql`s."startedAt" >= (now() at time zone 'utc') - make_interval(days => ${f.days})
    ${f.publicationId ? Prisma.sql`and s."publicationId" = ${f.publicationId}` : Prisma.empty}
    ${f.integrationId ? Prisma.sql`and exists (select 1 from "LtiIdentity" li where li."userId" = s."userId" and li."integrationId" = ${f.integrationId})` : Prisma.empty}`;
}

export type PublicationStatsRow = { publicationId: string; slug: string; title: string; readers: number; sessions: number; seconds: number; avgPercent: number };

/** Per publication: distinct readers, sittings, active time, average progress of its readers; most read first. */
export async function statsByPublication(input: AdminStatsFilter = {}): Promise<PublicationStatsRow[]> {
  return prisma.$queryRaw<PublicationStatsRow[]>`
    select p.id as "publicationId", p.slug, p.title,
           count(distinct s."userId")::int as readers, count(*)::int as sessions,
           coalesce(sum(s."activeSeconds"), 0)::int as seconds,
           coalesce((select avg(rp.percent) from "ReadingProgress" rp
                      where rp."publicationId" = p.id
                        and rp."userId" in (select s2."userId" from "ReadingSession" s2 where s2."publicationId" = p.id)), 0)::float8 as "avgPercent"
      from "ReadingSession" s join "Publication" p on p.id = s."publicationId"
     where ${sessionFilter(input)}
     group by p.id
     order by seconds desc, p.title`;
}

export type PersonStatsRow = {
  userId: string; publicId: string; name: string | null; nameHint: string | null;
  /** What the Control Panel calls them (lib/users/display-name.ts). */
  displayName: string;
  books: number; sessions: number; seconds: number; lastReadAt: Date;
};

/** Per person: books opened, sittings, active time, last read; most active first. */
export async function statsByPerson(input: AdminStatsFilter & { limit?: number } = {}): Promise<PersonStatsRow[]> {
  const limit = z.number().int().min(1).max(1000).default(100).parse(input.limit);
  const rows = await prisma.$queryRaw<Omit<PersonStatsRow, "displayName">[]>`
    select u.id as "userId", u."publicId", u.name,
           (select i."nameHint" from "LtiIdentity" i where i."userId" = u.id and i."nameHint" is not null order by i."lastLaunchAt" desc limit 1) as "nameHint",
           count(distinct s."publicationId")::int as books, count(*)::int as sessions,
           coalesce(sum(s."activeSeconds"), 0)::int as seconds, max(s."lastActiveAt") as "lastReadAt"
      from "ReadingSession" s join "User" u on u.id = s."userId"
     where ${sessionFilter(input)}
     group by u.id
     order by seconds desc, u."publicId"
     limit ${limit}`;
  return rows.map((r) => ({ ...r, displayName: displayName(r) }));
}

/** The most read publications by active time. */
export async function mostRead(input: AdminStatsFilter & { limit?: number } = {}): Promise<PublicationStatsRow[]> {
  const limit = z.number().int().min(1).max(100).default(10).parse(input.limit);
  return (await statsByPublication(input)).slice(0, limit);
}

export type DailyReaders = { day: string; readers: number; seconds: number };

/** Distinct active readers and active time per UTC day, every day of the window (zeros included), for charts. */
export async function activeReadersPerDay(input: AdminStatsFilter = {}): Promise<DailyReaders[]> {
  const { days } = adminStatsFilterSchema.parse(input);
  return prisma.$queryRaw<DailyReaders[]>`
    with days as (
      select generate_series(((now() at time zone 'utc')::date - (${days}::int - 1)), (now() at time zone 'utc')::date, interval '1 day')::date as day
    )
    select to_char(d.day, 'YYYY-MM-DD') as day,
           count(distinct s."userId")::int as readers,
           coalesce(sum(s."activeSeconds"), 0)::int as seconds
      from days d
      left join "ReadingSession" s on s."lastActiveAt"::date = d.day and ${sessionFilter(input)}
     group by d.day
     order by d.day`;
}
