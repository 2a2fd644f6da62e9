import "server-only";
import { z } from "zod";
import { prisma, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireAdmin } from "@/lib/auth/session";

// What an institution is told about its people's reading (docs/decisions/0023). "The
// institution's readers" are the people with an LTI identity on its integration, whatever they
// read and however they opened it; a sitting belongs to the period it started in (as in
// lib/reading/admin-stats.ts). Periods are whole UTC days, both ends included.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayString = z.string().regex(DAY).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "not a date");

export const reportPeriodSchema = z.object({
  integrationId: z.string().min(1).max(64),
  from: dayString,
  to: dayString,
}).refine((p) => p.from <= p.to, { message: "The period ends before it starts.", path: ["to"] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, { message: "A report covers at most three years.", path: ["from"] });
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

export const PRESETS = {
  term: { label: "This term (last 4 months)", months: 4 },
  "30d": { label: "Last 30 days", days: 30 },
  year: { label: "Last year", months: 12 },
} as const;
export type Preset = keyof typeof PRESETS;

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The period a preset names, ending today (UTC). */
export function presetPeriod(preset: Preset, today = new Date()): { from: string; to: string } {
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const p = PRESETS[preset];
  const start = new Date(end);
  if ("days" in p) start.setUTCDate(start.getUTCDate() - (p.days - 1));
  else {
    start.setUTCMonth(start.getUTCMonth() - p.months);
    start.setUTCDate(start.getUTCDate() + 1);
  }
  return { from: iso(start), to: iso(end) };
}

/** Weeks (from Monday) for up to about five months, months beyond. */
export function bucketFor(period: { from: string; to: string }): "week" | "month" {
  return Date.parse(period.to) - Date.parse(period.from) > 150 * 86_400_000 ? "month" : "week";
}

export type ReportTotals = {
  activeReaders: number;
  newAccounts: number;
  seconds: number;
  sessions: number;
  titles: number;
  /** People with an identity on the integration by the end of the period. */
  people: number;
};
export type ReportBucket = { start: string; activeReaders: number; newAccounts: number; sessions: number; seconds: number };
export type ReportTitle = { publicationId: string; title: string; author: string; readers: number; sessions: number; seconds: number };
export type ReportCourse = { courseId: string; name: string; label: string | null; learners: number; activeReaders: number; sessions: number; seconds: number };

export type InstitutionReport = {
  integration: { id: string; name: string };
  period: { from: string; to: string };
  bucket: "week" | "month";
  totals: ReportTotals;
  series: ReportBucket[];
  titles: ReportTitle[];
  courses: ReportCourse[];
  /** More courses than shown (the CSV has them all). */
  moreCourses: boolean;
  /** When the figures were computed (a report is a snapshot, kept a few minutes). */
  computedAt: Date;
};

// The period's bounds as timestamps (columns are UTC timestamps without a zone): from midnight of
// the first day to midnight after the last.
const start = (p: ReportPeriod) => Prisma.sql`${p.from}::date::timestamp`;
const end = (p: ReportPeriod) => Prisma.sql`(${p.to}::date + 1)::timestamp`;

/** The institution's people, and their sittings started in the period. */
function sittings(p: ReportPeriod) {
  return Prisma.sql`
    people as (select distinct li."userId" from "LtiIdentity" li where li."integrationId" = ${p.integrationId}),
    s as (
      select s."userId", s."publicationId", s."startedAt", s."activeSeconds" from "ReadingSession" s
       where s."userId" in (select "userId" from people) and s."startedAt" >= ${start(p)} and s."startedAt" < ${end(p)})`;
}

// Distinct readers are counted by grouping first (hash aggregates) rather than with
// count(distinct …), which sorts every sitting of the period once per count: a year of a large
// institution is hundreds of thousands of sittings (bench:admin).
export async function reportTotals(p: ReportPeriod): Promise<ReportTotals> {
  const [row] = await prisma.$queryRaw<ReportTotals[]>`
    with ${sittings(p)},
    per_reader as (select "userId", count(*) as n, sum("activeSeconds") as seconds from s group by "userId")
    select (select count(*) from per_reader)::int as "activeReaders",
           (select count(distinct li."userId") from "LtiIdentity" li
             where li."integrationId" = ${p.integrationId} and li."createdAt" >= ${start(p)} and li."createdAt" < ${end(p)})::int as "newAccounts",
           (select coalesce(sum(seconds), 0) from per_reader)::float8 as seconds,
           (select coalesce(sum(n), 0) from per_reader)::int as sessions,
           (select count(*) from (select "publicationId" from s group by 1) t)::int as titles,
           (select count(distinct li."userId") from "LtiIdentity" li
             where li."integrationId" = ${p.integrationId} and li."createdAt" < ${end(p)})::int as people`;
  return row!;
}

export async function reportSeries(p: ReportPeriod, unit: "week" | "month"): Promise<ReportBucket[]> {
  return prisma.$queryRaw<ReportBucket[]>`
    with ${sittings(p)},
    buckets as (
      select generate_series(date_trunc(${unit}, ${start(p)}), ${end(p)} - interval '1 second', (${`1 ${unit}`})::interval) as b),
    per_reader as (
      select date_trunc(${unit}, s."startedAt") as b, s."userId", count(*) as n, sum(s."activeSeconds") as seconds from s group by 1, 2),
    reading as (
      select b, count(*)::int as readers, sum(n)::int as sessions, sum(seconds)::float8 as seconds from per_reader group by 1),
    joined as (
      select date_trunc(${unit}, li."createdAt") as b, count(distinct li."userId")::int as n from "LtiIdentity" li
       where li."integrationId" = ${p.integrationId} and li."createdAt" >= ${start(p)} and li."createdAt" < ${end(p)}
       group by 1)
    select to_char(k.b, 'YYYY-MM-DD') as start, coalesce(r.readers, 0) as "activeReaders", coalesce(j.n, 0) as "newAccounts",
           coalesce(r.sessions, 0) as sessions, coalesce(r.seconds, 0)::float8 as seconds
      from buckets k left join reading r on r.b = k.b left join joined j on j.b = k.b
     order by k.b`;
}

/** Titles by reading time; `after` pages on (seconds, id) for the CSV. */
export async function reportTitles(p: ReportPeriod, limit: number): Promise<ReportTitle[]> {
  return prisma.$queryRaw<ReportTitle[]>`
    with ${sittings(p)},
    per_reader as (select s."publicationId", s."userId", count(*) as n, sum(s."activeSeconds") as seconds from s group by 1, 2),
    per_title as (
      select "publicationId", count(*)::int as readers, sum(n)::int as sessions, sum(seconds)::float8 as seconds from per_reader group by 1)
    select pub.id as "publicationId", pub.title, pub.author, t.readers, t.sessions, t.seconds
      from per_title t join "Publication" pub on pub.id = t."publicationId"
     order by t.seconds desc, t.readers desc, pub.title, pub.id
     limit ${limit}`;
}

/**
 * Per course of the integration: its learners (members who are not its instructors) and their
 * sittings in the period, whatever book. A person in two courses counts in both.
 * Ordered by reading time for the page; by ID after `afterId` for the CSV's batches.
 */
export async function reportCourses(p: ReportPeriod, options: { limit: number; afterId?: string | null; byId?: boolean }): Promise<ReportCourse[]> {
  const order = options.byId ? Prisma.sql`c.id` : Prisma.sql`seconds desc, "activeReaders" desc, name, c.id`;
  const after = options.afterId ? Prisma.sql`and c.id > ${options.afterId}` : Prisma.empty;
  // Each reader's period once (one pass over the sittings), then joined to the memberships:
  // not one index probe per member and course.
  return prisma.$queryRaw<ReportCourse[]>`
    with per_reader as (
      select s."userId", count(*)::int as n, sum(s."activeSeconds") as seconds from "ReadingSession" s
       where s."startedAt" >= ${start(p)} and s."startedAt" < ${end(p)}
         and s."userId" in (select m."userId" from "CourseMembership" m join "Course" c on c.id = m."courseId"
                             where c."integrationId" = ${p.integrationId} ${after} and not m.instructor)
       group by s."userId"),
    agg as (
      select m."courseId", count(*)::int as learners, count(r."userId")::int as "activeReaders",
             coalesce(sum(r.n), 0)::int as sessions, coalesce(sum(r.seconds), 0)::float8 as seconds
        from "CourseMembership" m join "Course" c on c.id = m."courseId"
        left join per_reader r on r."userId" = m."userId"
       where c."integrationId" = ${p.integrationId} ${after} and not m.instructor
       group by m."courseId")
    select c.id as "courseId", coalesce(c.title, c.label, c."contextId") as name, c.label,
           coalesce(agg.learners, 0) as learners, coalesce(agg."activeReaders", 0) as "activeReaders",
           coalesce(agg.sessions, 0) as sessions, coalesce(agg.seconds, 0)::float8 as seconds
      from "Course" c left join agg on agg."courseId" = c.id
     where c."integrationId" = ${p.integrationId} ${after}
     order by ${order}
     limit ${options.limit}`;
}

export type ReportReader = {
  userId: string; publicId: string; name: string | null; nameHint: string | null; subject: string;
  firstLaunchAt: Date; sessions: number; seconds: number; titles: number; lastReadAt: Date;
};

/**
 * The institution's active readers in the period, a batch of identities at a time in identity
 * order (keyset on the identity's ID): for the CSV, never the whole institution at once.
 * Returns the batch's rows (people who read) and where the next batch starts.
 */
export async function reportReadersBatch(p: ReportPeriod, afterIdentity: string | null, batch: number): Promise<{ rows: ReportReader[]; next: string | null }> {
  const after = afterIdentity ? Prisma.sql`and li.id > ${afterIdentity}` : Prisma.empty;
  const rows = await prisma.$queryRaw<(ReportReader & { identityId: string; sessions: number })[]>`
    with ids as (
      select li.id, li."userId", li."nameHint", li.subject, li."createdAt" from "LtiIdentity" li
       where li."integrationId" = ${p.integrationId} ${after}
       order by li.id limit ${batch})
    select ids.id as "identityId", u.id as "userId", u."publicId", u.name, ids."nameHint", ids.subject, ids."createdAt" as "firstLaunchAt",
           r.sessions, r.seconds, r.titles, r."lastReadAt"
      from ids join "User" u on u.id = ids."userId"
      cross join lateral (
        select count(*)::int as sessions, coalesce(sum(s."activeSeconds"), 0)::float8 as seconds,
               count(distinct s."publicationId")::int as titles, max(s."lastActiveAt") as "lastReadAt"
          from "ReadingSession" s where s."userId" = ids."userId" and s."startedAt" >= ${start(p)} and s."startedAt" < ${end(p)}) r
     order by ids.id`;
  const next = rows.length === batch ? rows.at(-1)!.identityId : null;
  return { rows: rows.filter((r) => r.sessions > 0).map(({ identityId: _id, ...r }) => r), next };
}

const COURSES_ON_PAGE = 50;

/** The report for one integration and period. No session check (see getInstitutionReport). */
export async function buildInstitutionReport(input: z.input<typeof reportPeriodSchema>): Promise<InstitutionReport> {
  const p = reportPeriodSchema.parse(input);
  const integration = await prisma.integration.findUnique({ where: { id: p.integrationId }, select: { id: true, name: true } });
  if (!integration) throw new AppError("NOT_FOUND", "That integration does not exist (it may have been deleted).");
  const bucket = bucketFor(p);
  const [totals, series, titles, courses] = await Promise.all([
    reportTotals(p), reportSeries(p, bucket), reportTitles(p, 10), reportCourses(p, { limit: COURSES_ON_PAGE + 1 }),
  ]);
  return {
    integration, period: { from: p.from, to: p.to }, bucket, totals, series, titles,
    courses: courses.slice(0, COURSES_ON_PAGE), moreCourses: courses.length > COURSES_ON_PAGE, computedAt: new Date(),
  };
}

// A year of a large institution is a scan of hundreds of thousands of sittings (about a second,
// bench:admin). The owner looks at a report, prints it, compares a neighbouring period, comes
// back: the page keeps each report, per process, for REPORT_TTL_MS and says when it was computed
// (decision 23). Concurrent requests for the same report share one computation.
const REPORT_TTL_MS = 5 * 60 * 1000;
const REPORT_CACHE_LIMIT = 200;
const reports = new Map<string, { at: number; report: Promise<InstitutionReport> }>();

export async function getInstitutionReport(input: z.input<typeof reportPeriodSchema>): Promise<InstitutionReport> {
  await requireAdmin();
  const p = reportPeriodSchema.parse(input);
  const key = `${p.integrationId} ${p.from} ${p.to}`;
  const kept = reports.get(key);
  if (kept && Date.now() - kept.at < REPORT_TTL_MS) return kept.report;
  const report = buildInstitutionReport(p);
  reports.delete(key);
  reports.set(key, { at: Date.now(), report });
  if (reports.size > REPORT_CACHE_LIMIT) reports.delete(reports.keys().next().value!);
  report.catch(() => reports.delete(key));
  return report;
}

/** For tests: forget kept reports. */
export function forgetKeptReports(): void {
  reports.clear();
}
