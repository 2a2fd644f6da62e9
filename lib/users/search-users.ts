import "server-only";
import { z } from "zod";
import { prisma, Prisma } from "@/lib/db";
import { requireAdmin } from "@/lib/auth/session";
import { displayName } from "@/lib/users/display-name";
import { decodeCursor, encodeCursor } from "@/lib/users/cursor";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const userSearchSchema = z.object({
  /** Public ID, name, email, or the LMS's name, email or user ID for them; any part, any case, accents ignored. */
  q: optional(z.string().trim().max(200)),
  integration: optional(z.string().max(64)),
  course: optional(z.string().max(64)),
  /** How they came in. */
  origin: optional(z.enum(["lti13", "lti11", "direct"])),
  /** Store role, or the role their courses give them. */
  role: optional(z.enum(["admin", "reader", "instructor", "learner"])),
  email: optional(z.enum(["yes", "no"])),
  status: optional(z.enum(["active", "disabled"])),
  /** Keyset cursors: the page after (older than) or before (newer than) a row. */
  after: optional(z.string().max(200)),
  before: optional(z.string().max(200)),
});
export type UserSearch = z.output<typeof userSearchSchema>;

export type UserRow = {
  id: string;
  publicId: string;
  displayName: string;
  name: string | null;
  nameHint: string | null;
  email: string | null;
  emailHint: string | null;
  role: "ADMIN" | "READER";
  /** LTI versions they came in with ("lti13", "lti11"); empty for a direct sign-up. */
  origins: string[];
  integrations: string[];
  access: { kind: "FULL" | "PLAN"; plan: string | null; source: "INTEGRATION" | "ADMIN" }[];
  disabled: boolean;
  createdAt: string;
};

export type UserPage = { rows: UserRow[]; next: string | null; previous: string | null; total: number; totalCapped: boolean };

export const USERS_PAGE_SIZE = 50;
/** Counting stops here: "10,000+" answers the question and costs a bounded scan. */
const COUNT_CAP = 10_000;

/** `%`, `_` and `\` are literal in a search, not LIKE wildcards. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(f: z.output<typeof userSearchSchema>): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  // Control characters separate the values in searchText; a query never contains them.
  const q = f.q?.replace(/[\p{Cc}]/gu, " ").trim();
  // The trigram index (migration people_admin) serves the LIKE; the column is kept normalized.
  if (q) parts.push(Prisma.sql`u."searchText" like folio_search_norm(${likeContains(q)})`);
  if (f.integration) parts.push(Prisma.sql`exists (select 1 from "LtiIdentity" i where i."userId" = u.id and i."integrationId" = ${f.integration})`);
  if (f.course) parts.push(Prisma.sql`exists (select 1 from "CourseMembership" m where m."courseId" = ${f.course} and m."userId" = u.id)`);
  if (f.origin === "direct") parts.push(Prisma.sql`not exists (select 1 from "LtiIdentity" i where i."userId" = u.id)`);
  else if (f.origin) parts.push(Prisma.sql`exists (select 1 from "LtiIdentity" i where i."userId" = u.id and i."platformKey" like ${`${f.origin}|%`})`);
  if (f.role === "admin") parts.push(Prisma.sql`u.role = 'ADMIN'`);
  if (f.role === "reader") parts.push(Prisma.sql`u.role = 'READER'`);
  if (f.role === "instructor") parts.push(Prisma.sql`exists (select 1 from "CourseMembership" m where m."userId" = u.id and m.instructor)`);
  if (f.role === "learner") parts.push(Prisma.sql`exists (select 1 from "CourseMembership" m where m."userId" = u.id and not m.instructor)`);
  if (f.email === "yes") parts.push(Prisma.sql`u.email is not null`);
  if (f.email === "no") parts.push(Prisma.sql`u.email is null`);
  if (f.status === "disabled") parts.push(Prisma.sql`u."disabledAt" is not null`);
  if (f.status === "active") parts.push(Prisma.sql`u."disabledAt" is null`);
  return parts.length ? Prisma.sql`where ${Prisma.join(parts, " and ")}` : Prisma.empty;
}

type Raw = {
  id: string; publicId: string; name: string | null; email: string | null; role: "ADMIN" | "READER"; createdAt: Date; disabledAt: Date | null;
  nameHint: string | null; emailHint: string | null; origins: string[] | null; integrations: string[] | null;
  access: { kind: "FULL" | "PLAN"; plan: string | null; source: "INTEGRATION" | "ADMIN" }[] | null;
};

/**
 * One page of people, newest first, for administrators. Keyset paging on (createdAt, id), so a
 * page deep into 100,000 people costs what the first one does, and rows added meanwhile do not
 * shift the pages.
 */
export async function searchUsers(input: Partial<Record<keyof UserSearch, string>> = {}): Promise<UserPage> {
  await requireAdmin();
  const f = userSearchSchema.parse(input);
  const where = whereOf(f);
  const after = decodeCursor(f.after);
  const before = after ? null : decodeCursor(f.before);
  const keyset = after
    ? Prisma.sql`(u."createdAt", u.id) < (${after.at}::timestamp, ${after.id})`
    : before ? Prisma.sql`(u."createdAt", u.id) > (${before.at}::timestamp, ${before.id})` : null;
  const filtered = keyset ? (where === Prisma.empty ? Prisma.sql`where ${keyset}` : Prisma.sql`${where} and ${keyset}`) : where;
  const order = before ? Prisma.sql`u."createdAt" asc, u.id asc` : Prisma.sql`u."createdAt" desc, u.id desc`;

  const [raw, counted] = await Promise.all([
    prisma.$queryRaw<Raw[]>`
      select u.id, u."publicId", u.name, u.email, u.role::text as role, u."createdAt", u."disabledAt",
             hint."nameHint", hint."emailHint",
             (select array_agg(distinct split_part(i."platformKey", '|', 1)) from "LtiIdentity" i where i."userId" = u.id) as origins,
             (select array_agg(distinct ig.name order by ig.name) from "LtiIdentity" i join "Integration" ig on ig.id = i."integrationId" where i."userId" = u.id) as integrations,
             (select json_agg(json_build_object('kind', g.kind, 'plan', p.name, 'source', g.source) order by g."createdAt")
                from "AccessGrant" g left join "Plan" p on p.id = g."planId" where g."userId" = u.id) as access
        from (select * from "User" u ${filtered} order by ${order} limit ${USERS_PAGE_SIZE + 1}) u
        left join lateral (
          select i."nameHint", i."emailHint" from "LtiIdentity" i where i."userId" = u.id
           order by (i."nameHint" is null), i."lastLaunchAt" desc limit 1) hint on true
       order by ${order}`,
    prisma.$queryRaw<{ n: number }[]>`select count(*)::int as n from (select 1 from "User" u ${where} limit ${COUNT_CAP + 1}) x`,
  ]);
  const more = raw.length > USERS_PAGE_SIZE;
  const page = raw.slice(0, USERS_PAGE_SIZE);
  if (before) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const total = counted[0]?.n ?? 0;
  return {
    rows: page.map((r) => ({
      id: r.id,
      publicId: r.publicId,
      displayName: displayName(r),
      name: r.name,
      nameHint: r.nameHint,
      email: r.email,
      emailHint: r.emailHint,
      role: r.role,
      origins: r.origins ?? [],
      integrations: r.integrations ?? [],
      access: r.access ?? [],
      disabled: r.disabledAt !== null,
      createdAt: r.createdAt.toISOString(),
    })),
    // Going forward there is a next page when one more row came back; going back, there is one
    // whenever we came from it.
    next: last && (before ? true : more) ? encodeCursor(new Date(last.createdAt), last.id) : null,
    previous: first && (before ? more : !!after) ? encodeCursor(new Date(first.createdAt), first.id) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  };
}

/** What the filters offer: integrations, and courses (most recently used first, capped). */
export async function userFilterOptions(): Promise<{ integrations: { id: string; name: string }[]; courses: { id: string; title: string; integration: string }[] }> {
  await requireAdmin();
  const [integrations, courses] = await Promise.all([
    prisma.integration.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.course.findMany({
      select: { id: true, title: true, label: true, contextId: true, integration: { select: { name: true } } },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: 300,
    }),
  ]);
  return {
    integrations,
    courses: courses.map((c) => ({ id: c.id, title: c.title ?? c.label ?? c.contextId, integration: c.integration.name })),
  };
}
