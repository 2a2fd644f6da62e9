import "server-only";
import { z } from "zod";
import { prisma, Prisma } from "@/lib/db";
import { requireAdmin } from "@/lib/auth/session";
import { displayName } from "@/lib/users/display-name";

// The launch log for the store owner on the phone with an institution (docs/decisions/0023):
// filters that each have an index (migration *_support), newest first, keyset paging on
// (createdAt, id) so page 500 costs what page 1 does.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "not a date");

export const launchFilterSchema = z.object({
  integrationId: z.string().min(1).max(64).optional(),
  outcome: z.enum(["SUCCESS", "FAILURE"]).optional(),
  code: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_]+$/).transform((s) => s.toUpperCase()).optional(),
  /** A public ID, the LMS's user ID, or part of a name (the LMS's or the account's). */
  person: z.string().trim().min(1).max(200).optional(),
  courseId: z.string().min(1).max(64).optional(),
  /** UTC days, both inclusive. */
  from: day.optional(),
  to: day.optional(),
});
export type LaunchFilter = z.infer<typeof launchFilterSchema>;

/** Parses search params field by field: a bad value drops that filter instead of failing the page. */
export function parseLaunchFilter(params: Record<string, string | string[] | undefined>): LaunchFilter {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(launchFilterSchema.shape) as (keyof LaunchFilter)[]) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value) continue;
    const parsed = launchFilterSchema.shape[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as LaunchFilter;
}

export const PAGE_SIZE = 50;
/** People a name search may match; more means the search is too vague to filter a log by. */
const MAX_PEOPLE = 500;

export type LaunchLogRow = {
  id: string;
  at: string;
  outcome: "SUCCESS" | "FAILURE";
  errorCode: string | null;
  detail: string | null;
  ltiVersion: string;
  messageType: string | null;
  integration: { id: string; name: string } | null;
  person: { id: string; publicId: string; name: string } | null;
};

export type LaunchLogPage = { rows: LaunchLogRow[]; next: string | null; tooManyPeople: boolean };

type Cursor = { at: Date; id: string };

export function encodeCursor(row: { at: string; id: string }): string {
  return Buffer.from(`${row.at}|${row.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > 200) return null;
  const [at, id] = Buffer.from(value, "base64url").toString().split("|");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[\w-]{1,64}$/.test(id)) return null;
  return { at: date, id };
}

// Days as SQL: the columns hold UTC timestamps without a zone, so midnight is compared as such.
const dayStart = (d: string) => Prisma.sql`${d}::date::timestamp`;
const dayAfter = (d: string) => Prisma.sql`(${d}::date + 1)::timestamp`;

/**
 * The people a person filter names: an exact public ID or LMS user ID, or a part of the LMS's
 * name for them or of their account name. Null when there is no person filter.
 */
async function matchPeople(filter: LaunchFilter): Promise<{ ids: string[]; tooMany: boolean } | null> {
  if (!filter.person) return null;
  // The people search's text (public ID, names, emails, LMS hints and user IDs; lower case, no
  // accents; decision 22) through its trigram index: an ILIKE over both tables read them whole
  // (bench:admin: 174 ms p95 at 100,000 people). Control characters separate its values.
  const text = filter.person.replace(/[\p{Cc}]/gu, " ").trim();
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    select u.id from "User" u where u."searchText" like folio_search_norm(${like})
    limit ${MAX_PEOPLE + 1}`;
  return { ids: rows.slice(0, MAX_PEOPLE).map((r) => r.id), tooMany: rows.length > MAX_PEOPLE };
}

/** The WHERE clause for everything but the outcome (counts per code need the rest alone). */
function conditions(filter: LaunchFilter, people: string[] | null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.integrationId) where.push(Prisma.sql`l."integrationId" = ${filter.integrationId}`);
  if (filter.code) where.push(Prisma.sql`l."errorCode" = ${filter.code}`);
  if (people) where.push(people.length ? Prisma.sql`l."userId" in (${Prisma.join(people)})` : Prisma.sql`false`);
  if (filter.courseId) {
    // LaunchLog has no course column (the launch statement is the lead's): a course's launches
    // are its members' launches on the course's integration.
    where.push(Prisma.sql`l."integrationId" = (select c."integrationId" from "Course" c where c.id = ${filter.courseId})
      and l."userId" in (select m."userId" from "CourseMembership" m where m."courseId" = ${filter.courseId})`);
  }
  if (filter.from) where.push(Prisma.sql`l."createdAt" >= ${dayStart(filter.from)}`);
  if (filter.to) where.push(Prisma.sql`l."createdAt" < ${dayAfter(filter.to)}`);
  return where;
}

const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " and ") : Prisma.sql`true`);

type RawRow = {
  id: string; createdAt: Date; outcome: "SUCCESS" | "FAILURE"; errorCode: string | null; detail: string | null;
  ltiVersion: string; messageType: string | null; integrationId: string | null; integrationName: string | null;
  userId: string | null; publicId: string | null; name: string | null; nameHint: string | null;
};

/** One page of the log, newest first, after `cursor` when given. No session check (see searchLaunchLog). */
export async function searchLaunchLogRecords(filter: LaunchFilter, cursor: string | null = null, pageSize = PAGE_SIZE): Promise<LaunchLogPage> {
  const people = await matchPeople(filter);
  const where = conditions(filter, people?.ids ?? null);
  if (filter.outcome) where.push(Prisma.sql`l.outcome = ${filter.outcome}::"LaunchOutcome"`);
  const after = decodeCursor(cursor);
  if (after) where.push(Prisma.sql`(l."createdAt" < ${after.at} or (l."createdAt" = ${after.at} and l.id < ${after.id}))`);
  const rows = await prisma.$queryRaw<RawRow[]>`
    select l.id, l."createdAt", l.outcome::text as outcome, l."errorCode", l.detail, l."ltiVersion", l."messageType",
           l."integrationId", i.name as "integrationName", u.id as "userId", u."publicId", u.name, hint."nameHint"
      from "LaunchLog" l
      left join "Integration" i on i.id = l."integrationId"
      left join "User" u on u.id = l."userId"
      left join lateral (
        select x."nameHint" from "LtiIdentity" x
         where x."userId" = l."userId" and x."nameHint" is not null
         order by (x."integrationId" is not distinct from l."integrationId") desc, x."lastLaunchAt" desc
         limit 1) hint on true
     where ${and(where)}
     order by l."createdAt" desc, l.id desc
     limit ${pageSize + 1}`;
  const page = rows.slice(0, pageSize).map((r): LaunchLogRow => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    outcome: r.outcome,
    errorCode: r.errorCode,
    detail: r.detail,
    ltiVersion: r.ltiVersion,
    messageType: r.messageType,
    integration: r.integrationId ? { id: r.integrationId, name: r.integrationName ?? "" } : null,
    person: r.userId && r.publicId ? { id: r.userId, publicId: r.publicId, name: displayName({ name: r.name, nameHint: r.nameHint, publicId: r.publicId }) } : null,
  }));
  const last = page.at(-1);
  return { rows: page, next: rows.length > pageSize && last ? encodeCursor(last) : null, tooManyPeople: people?.tooMany ?? false };
}

export type LaunchCounts = {
  launches: number;
  failures: number;
  /** Logged failures per code in the filtered range, most frequent first. */
  byCode: { code: string; logged: number; attempts: number | null }[];
};

/**
 * Launches and failures in the filtered range, and failures per code. `attempts` adds the hourly
 * tallies (lib/lti/launch-log.ts), which also count refusals never tied to a verified sender;
 * they know no person or course, so they are left out (null) when either filter is set.
 */
export async function countLaunchRecords(filter: LaunchFilter): Promise<LaunchCounts> {
  const people = await matchPeople(filter);
  const where = and(conditions(filter, people?.ids ?? null));
  const tallies = !filter.person && !filter.courseId;
  const tallyWhere: Prisma.Sql[] = [];
  if (filter.integrationId) tallyWhere.push(Prisma.sql`t."integrationId" = ${filter.integrationId}`);
  if (filter.code) tallyWhere.push(Prisma.sql`t."errorCode" = ${filter.code}`);
  if (filter.from) tallyWhere.push(Prisma.sql`t.hour >= ${dayStart(filter.from)}`);
  if (filter.to) tallyWhere.push(Prisma.sql`t.hour < ${dayAfter(filter.to)}`);
  // Per code: only failures carry an error code (a success is logged with none), so the code
  // alone selects them and the (errorCode, createdAt) index answers without reading rows; adding
  // outcome = 'FAILURE' made the planner misjudge the two as independent (bench:admin: 142 ms).
  const [totals, logged, tallied] = await Promise.all([
    prisma.$queryRaw<{ launches: number; failures: number }[]>`
      select count(*)::int as launches, count(*) filter (where l.outcome = 'FAILURE')::int as failures
        from "LaunchLog" l where ${where}`,
    filter.outcome === "SUCCESS" ? Promise.resolve([]) : prisma.$queryRaw<{ code: string; n: number }[]>`
      select l."errorCode" as code, count(*)::int as n from "LaunchLog" l
       where ${where} and l."errorCode" is not null
       group by l."errorCode"`,
    tallies && filter.outcome !== "SUCCESS" ? prisma.$queryRaw<{ code: string; n: number }[]>`
      select t."errorCode" as code, sum(t.count)::int as n from "LaunchFailureTally" t
       where ${and(tallyWhere)} group by t."errorCode"` : Promise.resolve(null),
  ]);
  const codes = new Map<string, { code: string; logged: number; attempts: number | null }>();
  for (const r of logged) codes.set(r.code, { code: r.code, logged: r.n, attempts: tallies ? r.n : null });
  for (const r of tallied ?? []) {
    const seen = codes.get(r.code) ?? { code: r.code, logged: 0, attempts: 0 };
    seen.attempts = Math.max(r.n, seen.logged);
    codes.set(r.code, seen);
  }
  const { launches = 0, failures = 0 } = totals[0] ?? {};
  const byCode = [...codes.values()].sort((a, b) => b.logged - a.logged || (b.attempts ?? 0) - (a.attempts ?? 0) || a.code.localeCompare(b.code));
  return { launches, failures, byCode };
}

export type CourseOption = { id: string; name: string; integrationName: string };

/** Courses to filter by (the most recently active first), of one integration or all. */
export async function listCourseOptionRecords(integrationId?: string, limit = 300): Promise<CourseOption[]> {
  const rows = await prisma.course.findMany({
    where: integrationId ? { integrationId } : undefined,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: limit,
    select: { id: true, title: true, label: true, contextId: true, integration: { select: { name: true } } },
  });
  return rows.map((c) => ({ id: c.id, name: c.title || c.label || c.contextId, integrationName: c.integration.name }));
}

/** Error codes seen within the retention period, for the filter's suggestions. */
export async function listKnownCodeRecords(): Promise<string[]> {
  const rows = await prisma.launchFailureTally.findMany({ distinct: ["errorCode"], select: { errorCode: true }, orderBy: { errorCode: "asc" } });
  return rows.map((r) => r.errorCode);
}

export async function searchLaunchLog(filter: LaunchFilter, cursor: string | null = null) {
  await requireAdmin();
  return searchLaunchLogRecords(filter, cursor);
}

export async function countLaunches(filter: LaunchFilter) {
  await requireAdmin();
  return countLaunchRecords(filter);
}

export async function launchFilterOptions(integrationId?: string) {
  await requireAdmin();
  const [courses, codes, integrations] = await Promise.all([
    listCourseOptionRecords(integrationId),
    listKnownCodeRecords(),
    prisma.integration.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { courses, codes, integrations };
}
