import type pg from "pg";
import { prisma } from "@/lib/db";
import { createSessionCookie } from "@/lib/auth/session-cookie";

// What a store with large institutions has after a few years: people who came through two LMSs
// (names as the LMS sent them, accents and all), a few hundred courses, the launch log over the
// retention period and a year of one institution's reading. Written with set-based SQL
// (insert … select generate_series), not row by row: each step is one statement, timed.

export const INTEGRATION_A = { name: "Northfield University", platformKey: "lti13|https://lms.northfield.example|northfield-client" };
export const INTEGRATION_B = { name: "Lakeside College", platformKey: "lti11|lakeside.lms" };

const FIRST = [
  "José", "María", "Zoë", "Chloé", "Renée", "Søren", "Björn", "François", "Łukasz", "Ángel", "Inés", "Jürgen", "Noémie", "Håkon",
  "Siobhán", "Dvořák", "Anaïs", "Mónica", "Emma", "Olivia", "Liam", "Noah", "Ava", "Sophia", "Lucas", "Mia", "Ethan", "Amelia",
  "Mohammed", "Fatima", "Aisha", "Omar", "Yusuf", "Wei", "Mei", "Hiroshi", "Yuki", "Priya", "Arjun", "Ananya", "Kwame", "Ama",
  "Chidi", "Ngozi", "Thành", "Linh", "Mateo", "Valentina", "Santiago", "Camila", "Ludovic", "Élodie", "Gaëlle", "Jérôme",
  "Małgorzata", "Zoltán", "Ilse", "Dagný", "Ségolène", "Oğuz",
];
const LAST = [
  "García", "Martínez", "Núñez", "Lefèvre", "Müller", "Schröder", "Çelik", "Öztürk", "O'Brien", "Kowalczyk", "Dubois", "Nguyễn",
  "Trần", "Smith", "Johnson", "Williams", "Brown", "Jones", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin",
  "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "López", "González", "Hernández",
  "Pérez", "Sánchez", "Ramírez", "Díaz", "Fernández", "Gómez", "Jiménez", "Ruiz", "Álvarez", "Romero", "Søndergaard", "Håland",
  "Åberg", "Ekström", "Nowak", "Wiśniewski", "Dąbrowski", "Novák", "Horváth", "Kovačević", "Papadopoulos", "Yılmaz", "Kaya",
  "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Kim", "Lee", "Park", "Chen", "Wang", "Li", "Zhang", "Singh", "Patel", "Sharma",
  "Okafor", "Mensah", "Adeyemi", "Mbeki", "Haddad",
];

// Failure codes as a live log has them: mostly expired or reused state, some configuration trouble.
const CODES = [
  ["LTI_STATE_EXPIRED", "The sign-in step took longer than 10 minutes."],
  ["LTI_STATE_BROWSER_MISMATCH", "The browser blocked Folio's cookie in the LMS frame; the student was offered a new window."],
  ["LTI_STATE_USED", "The launch was sent twice (back button or double click)."],
  ["LTI_TOKEN_EXPIRED", "The id_token expired before it arrived."],
  ["LTI_DEPLOYMENT_UNKNOWN", "Deployment 7 is not registered for this integration."],
  ["LTI_SIGNATURE_INVALID", "The id_token's signature did not verify with the platform's keys."],
  ["LTI_ROLES_MISSING", "The launch named no role."],
  ["LTI_ACCOUNT_DISABLED", "The account is disabled."],
] as const;
/** Cumulative shares of the failures per code, in CODES order. */
const CODE_CUTS = [0.3, 0.5, 0.65, 0.75, 0.83, 0.9, 0.95, 1];

export type AdminFixture = {
  adminCookie: string;
  integrationA: string;
  integrationB: string;
  /** A reader of A with many launches and a year of reading. */
  personId: string;
  /** A course of A (for the users list's course filter). */
  courseId: string;
  timings: { step: string; seconds: number; rows: number }[];
};

export type AdminFixtureOptions = { people: number; launches: number; courses: number; retentionDays: number; throughTriggers: boolean };

/**
 * Seeds the store on `client` (a connection to the bench database; the demo books must exist).
 * Person k (1..people): every 50th signed up directly (own name, email, password); the others
 * came through A (the first 90%) or B (the rest, and every 33rd of A's too), with a name hint on
 * 93% and an email hint on 60%; every 7th also gave Folio an email.
 */
export async function seedAdminStore(client: pg.Client, o: AdminFixtureOptions): Promise<AdminFixture> {
  const timings: AdminFixture["timings"] = [];
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const res = await client.query(sql, params);
    timings.push({ step: name, seconds: Math.round((performance.now() - t) / 100) / 10, rows: res.rowCount ?? 0 });
    return res;
  };
  await client.query("set synchronous_commit = off");
  await client.query("set maintenance_work_mem = '256MB'");
  await client.query("select setseed(0.42)");

  const plan = await prisma.plan.create({ data: { name: "Whole library", slug: "whole-library", allPublications: true } });
  const a = await prisma.integration.create({
    data: { name: INTEGRATION_A.name, kind: "LTI13", accessKind: "PLAN", planId: plan.id, issuer: "https://lms.northfield.example", clientId: "northfield-client" },
  });
  const b = await prisma.integration.create({ data: { name: INTEGRATION_B.name, kind: "LTI11", accessKind: "FULL", consumerKey: "lakeside.lms" } });
  const admin = await prisma.user.create({ data: { publicId: "ADM1N000", role: "ADMIN", email: "owner@store.example", name: "Store Owner" } });
  const adminCookie = (await createSessionCookie(admin)).split(";")[0]!;

  const N = o.people;
  const cutA = Math.floor(N * 0.9);
  // The people, once, as a temporary table every insert reads: k, names, when they came.
  await step("people (temporary table)", `
    create temp table bench_people as
    select k, 'bu' || lpad(k::text, 7, '0') as id,
           ($1::text[])[1 + (k * 31) % array_length($1::text[], 1)] as first,
           ($2::text[])[1 + (k * 17 + k / 59) % array_length($2::text[], 1)] as last,
           (now() - make_interval(secs => (($3 - k)::float8 / $3) * 730 * 86400 + random() * 3600))::timestamp(3) as created,
           k % 50 = 0 as direct,
           k % 50 <> 0 and k <= $4 as on_a,
           k % 50 <> 0 and (k > $4 or k % 33 = 0) as on_b
      from generate_series(1, $3::int) k`, [FIRST, LAST, N, cutA]);
  await client.query("alter table bench_people add primary key (k)");

  // Search text: one UPDATE after the load instead of a trigger per row (and a second one per identity).
  if (!o.throughTriggers) {
    await client.query(`alter table "User" disable trigger user_search_text`);
    await client.query(`alter table "LtiIdentity" disable trigger identity_search_text_added_removed`);
  }
  // Public IDs: k times an odd constant modulo 32^8 is a bijection, written in the app's alphabet.
  await step("User", `
    insert into "User" (id, "publicId", role, email, "passwordHash", name, "createdAt", "updatedAt")
    select p.id,
           (select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((((p.k::bigint * 2654435761) & 1099511627775) >> (5 * i)) & 31)::int + 1, 1), '' order by i desc)
              from generate_series(0, 7) i),
           'READER',
           case when p.direct or p.k % 7 = 0 then regexp_replace(folio_search_norm(p.first || '.' || p.last), '[^a-z.]', '', 'g') || '.' || p.k || '@mail.example' end,
           case when p.direct then 'scrypt$bench$not-a-real-hash' end,
           case when p.direct then p.first || ' ' || p.last end,
           p.created, p.created
      from bench_people p`);
  await step("LtiIdentity", `
    insert into "LtiIdentity" (id, "userId", "integrationId", "platformKey", subject, "nameHint", "emailHint", "createdAt", "lastLaunchAt")
    select 'bi' || x.tag || lpad(p.k::text, 7, '0'), p.id, x.integration, x.key,
           case x.tag when 'a' then md5('a' || p.k) else (200000 + p.k)::text end,
           case when p.k % 15 <> 0 then p.first || ' ' || p.last end,
           case when p.k % 5 < 3 then regexp_replace(folio_search_norm(p.first || '.' || p.last), '[^a-z.]', '', 'g') || p.k || x.domain end,
           p.created, greatest(p.created, (now() - random() * interval '${o.retentionDays - 1} days')::timestamp(3))
      from bench_people p
      join (values ('a', $1::text, $2::text, '@northfield.example'), ('b', $3::text, $4::text, '@lakeside.example')) as x(tag, integration, key, domain)
        on (x.tag = 'a' and p.on_a) or (x.tag = 'b' and p.on_b)`, [a.id, INTEGRATION_A.platformKey, b.id, INTEGRATION_B.platformKey]);
  if (!o.throughTriggers) {
    await step("User.searchText (one update)", `update "User" u set "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email)`);
    await client.query(`alter table "User" enable trigger user_search_text`);
    await client.query(`alter table "LtiIdentity" enable trigger identity_search_text_added_removed`);
  }

  // Courses: most on A, the rest on B; each person in one to three of their integration's.
  const coursesA = Math.max(1, Math.round(o.courses * 0.85));
  const coursesB = Math.max(1, o.courses - coursesA);
  await step("Course", `
    insert into "Course" (id, "integrationId", "contextId", title, label, "createdAt", "updatedAt")
    select 'bc' || x.tag || lpad(c::text, 4, '0'), x.integration, 'ctx-' || x.tag || c,
           (array['Introduction to', 'Advanced', 'Readings in', 'Seminar:', 'Topics in'])[1 + c % 5] || ' ' ||
           (array['Victorian Fiction', 'World Literature', 'Russian Novels', 'Detective Stories', 'Children''s Classics', 'Romanticism', 'Literary Theory'])[1 + c % 7],
           upper(x.tag) || 'LIT ' || (100 + c), now() - interval '400 days', now() - c * interval '1 hour'
      from (values ('a', $1::text, $2::int), ('b', $3::text, $4::int)) as x(tag, integration, n)
      cross join lateral generate_series(1, x.n) c`, [a.id, coursesA, b.id, coursesB]);
  await step("CourseMembership", `
    insert into "CourseMembership" ("courseId", "userId", subject, roles, instructor, "firstLaunchAt", "lastLaunchAt")
    select distinct on (course, i."userId") course, i."userId", i.subject,
           array[case when p.k % 97 = 0 then 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor' else 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner' end],
           p.k % 97 = 0, i."createdAt", i."lastLaunchAt"
      from "LtiIdentity" i
      join bench_people p on p.id = i."userId"
      cross join lateral generate_series(0, p.k % 3) j
      cross join lateral (select 'bc' || case when i."integrationId" = $1 then 'a' else 'b' end
                                 || lpad((1 + (p.k * 7 + j * 13) % case when i."integrationId" = $1 then $2::int else $3::int end)::text, 4, '0') as course) c`,
  [a.id, coursesA, coursesB]);

  // The launch log over the retention period: busier people launch more (k drawn as N·r²),
  // 8% failures, mostly not tied to a person (refused before the launch named one).
  await step("LaunchLog", `
    insert into "LaunchLog" (id, "integrationId", "userId", outcome, "errorCode", detail, "ltiVersion", "messageType", "createdAt")
    select 'bl' || lpad(g::text, 8, '0'), case when p.on_a then $1 else $2 end,
           case when not l.failed or l.code in (2, 8) then p.id end,
           case when l.failed then 'FAILURE' else 'SUCCESS' end::"LaunchOutcome",
           case when l.failed then ($4::text[])[l.code] end,
           case when l.failed then ($5::text[])[l.code] end,
           case when p.on_a then '1.3' else '1.1' end,
           case when not p.on_a then 'basic-lti-launch-request' when g % 20 = 0 then 'LtiDeepLinkingRequest' else 'LtiResourceLinkRequest' end,
           (now() - random() * interval '${o.retentionDays - 1} days')::timestamp(3)
      from generate_series(1, $3::int) g
      cross join lateral (select 1 + floor(${N} * random() ^ 2)::int as k0, random() < 0.08 as failed, random() as r where g > 0) d
      cross join lateral (select case when d.k0 % 50 = 0 then d.k0 - 1 else d.k0 end as k,
                                 d.failed, (select count(*) + 1 from unnest($6::float8[]) cut where cut < d.r)::int as code) l
      join bench_people p on p.k = l.k`,
  [a.id, b.id, o.launches, CODES.map((c) => c[0]), CODES.map((c) => c[1]), CODE_CUTS]);
  await step("LaunchFailureTally", `
    insert into "LaunchFailureTally" (scope, "integrationId", "errorCode", hour, count, "ltiVersion", "lastDetail", "lastAt")
    select l."integrationId", l."integrationId", l."errorCode", date_trunc('hour', l."createdAt"), count(*), max(l."ltiVersion"), max(l.detail), max(l."createdAt")
      from "LaunchLog" l where l.outcome = 'FAILURE' group by 1, 2, 3, 4`);

  // A year of A's reading: 40% of its people read, 1 to 25 sittings each over the year, on the demo books.
  const books = await prisma.publication.findMany({ where: { published: true }, select: { id: true, _count: { select: { chapters: true } } }, orderBy: { slug: "asc" } });
  await step("ReadingSession", `
    insert into "ReadingSession" (id, "userId", "publicationId", "clientId", "startedAt", "lastActiveAt", "activeSeconds")
    select 'bs' || p.k || '-' || j, p.id, ($1::text[])[1 + (p.k + j / 6) % array_length($1::text[], 1)], 'client-' || j, t.started,
           t.started + make_interval(secs => t.secs + 30), t.secs
      from bench_people p
      cross join lateral generate_series(1, 1 + p.k % 25) j
      cross join lateral (select (now() - random() * interval '364 days')::timestamp(3) as started, (60 + random() * 2400)::int as secs where j > 0) t
     where p.on_a and p.k % 10 < 4`, [books.map((bk) => bk.id)]);
  await step("ReadingProgress", `
    insert into "ReadingProgress" ("userId", "publicationId", "chapterIndex", position, percent, "updatedAt")
    select s."userId", s."publicationId", least(c.n - 1, count(*)::int * 2), 0.5, least(1, count(*) * 2.0 / c.n), max(s."lastActiveAt")
      from "ReadingSession" s join unnest($1::text[], $2::int[]) as c(id, n) on c.id = s."publicationId"
     group by s."userId", s."publicationId", c.n`, [books.map((bk) => bk.id), books.map((bk) => bk._count.chapters)]);
  await step("ChapterReading", `
    insert into "ChapterReading" ("userId", "publicationId", "chapterIndex", "activeSeconds", furthest, "readAt", "updatedAt")
    select r."userId", r."publicationId", ch, 600, case when ch < r."chapterIndex" then 1 else 0.5 end,
           case when ch < r."chapterIndex" then r."updatedAt" end, r."updatedAt"
      from "ReadingProgress" r cross join lateral generate_series(0, least(r."chapterIndex", 7)) ch`);
  await step("analyze", "analyze");

  return {
    adminCookie, integrationA: a.id, integrationB: b.id, personId: "bu0000001", courseId: "bca0001", timings,
  };
}
