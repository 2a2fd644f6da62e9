import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sql, violatedConstraint } from "@/lib/sql";
import { generatePublicId } from "@/lib/auth/public-id";
import { maybePruneLaunchLog } from "@/lib/lti/launch-log";
import type { LaunchCourse } from "@/lib/lti/course-claims";
import { RecentWrites } from "@/lib/lti/recent-writes";

// Provisioning (design: "Provisioning rules"). A person is (platformKey, subject); the unique
// constraint on LtiIdentity, not a read-then-write, makes simultaneous first launches of one
// person converge on one account. LMS roles and emails never reach the User row.
//
// This runs on every launch, so it is hand-written SQL (docs/decisions/0012): one statement
// finds the person (or creates the account and the identity together), refreshes their hints,
// brings the integration's access onto them, counts the launch and logs it.

export type LaunchIdentity = {
  integrationId: string;
  /** "lti13|<iss>|<client_id>" or "lti11|<consumer_key>" */
  platformKey: string;
  subject: string;
  nameHint?: string | null;
  emailHint?: string | null;
  /** A verified LTI 1.1 identity from the lti1p1 claim: adopt that account. */
  legacy?: { platformKey: string; subject: string } | null;
  /** The launch's course, link and roles, recorded in the same statement (docs/decisions/0019). */
  course?: LaunchCourse | null;
};

/** When given, the successful launch is written to the integration's log in the same statement. */
export type LaunchRecord = { ltiVersion: "1.3" | "1.1"; messageType: string | null };

export type ProvisionedUser = { id: string; publicId: string; role: "ADMIN" | "READER"; sessionVersion: number };
/** Where the launch's course and link were recorded (null without a context or a link). */
export type ProvisionedPlace = { courseId: string | null; linkId: string | null };

// Postgres text cannot hold NUL (the whole statement, and the launch, would fail), and a hint is
// one line: control characters become spaces.
const hint = (value: string | null | undefined, max: number) => (value ? value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max) || null : null);
const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll("-", "")}`;

// The launch's course, resource link and the person's membership (docs/decisions/0019). Each part
// is written only when this process has not written the same values lately (RecentWrites below):
// a class launching the same link writes the course and the link once, and a returning student
// nothing at all. The ids come back for the landing page.
// $10 write the course?, $11 new course id, $12 context id, $13 title, $14 label, $15 memberships
// URL, $16 the course's id when known; $17 write the link?, $18 new link id, $19 resource link id,
// $20 title, $21 publication slug, $22 start chapter, $23 start fragment, $24 end chapter, $25 line
// item URL, $26 line items URL, $27 AGS scopes, $28 maximum score, $29 the link's id when known;
// $30 write the membership? (always for a new account), $31 roles, $32 instructor.
const PLACE = `
  course_written as (
    insert into "Course" as c (id, "integrationId", "contextId", title, label, "membershipsUrl", "createdAt", "updatedAt")
    select $11, $1, $12, $13, $14, $15, now(), now() from person where $10 and $12::text is not null
    on conflict ("integrationId", "contextId") do update
      set title = coalesce(excluded.title, c.title), label = coalesce(excluded.label, c.label),
          "membershipsUrl" = coalesce(excluded."membershipsUrl", c."membershipsUrl"), "updatedAt" = now()
    returning id),
  course_id as (select id from course_written union all select $16::text where $16::text is not null),
  link_written as (
    insert into "ResourceLink" as l (id, "integrationId", "courseId", "linkId", title, "publicationId", "startChapter", "startFragment",
      "endChapter", "lineItemUrl", "lineItemsUrl", "agsScopes", "scoreMaximum", "createdAt", "updatedAt", "lastLaunchAt")
    select $18, $1, (select id from course_id limit 1), $19, $20, (select id from "Publication" where slug = $21), $22, $23,
      $24, $25, $26, $27, $28, now(), now(), now()
    from person where $17 and $19::text is not null
    on conflict ("integrationId", "linkId") do update
      set "courseId" = coalesce(excluded."courseId", l."courseId"), title = coalesce(excluded.title, l.title),
          "publicationId" = coalesce(excluded."publicationId", l."publicationId"), "startChapter" = excluded."startChapter",
          "startFragment" = excluded."startFragment", "endChapter" = excluded."endChapter",
          "lineItemUrl" = coalesce(excluded."lineItemUrl", l."lineItemUrl"), "lineItemsUrl" = coalesce(excluded."lineItemsUrl", l."lineItemsUrl"),
          "agsScopes" = excluded."agsScopes", "scoreMaximum" = coalesce(excluded."scoreMaximum", l."scoreMaximum"),
          "updatedAt" = now(), "lastLaunchAt" = now()
    returning id),
  link_id as (select id from link_written union all select $29::text where $29::text is not null),
  member as (
    insert into "CourseMembership" as m ("courseId", "userId", subject, roles, instructor, "firstLaunchAt", "lastLaunchAt")
    select k.id, p.user_id, $7, $31, $32, now(), now() from person p, (select id from course_id limit 1) k
    where $30 or not exists (select 1 from touched)
    on conflict ("courseId", "userId") do update
      set subject = excluded.subject, roles = excluded.roles, instructor = excluded.instructor, "lastLaunchAt" = now()
    returning 1)`;

// What every launch does once the person is known (the CTE "person" yields their user_id):
// count the launch on the integration, upsert the grant of its access (full, or its plan, when
// it still has one) and, when $5 (the LTI version) is set, log the launch.
// $1 integration, $2 grant id, $3 log id, $4 message type, $5 LTI version; then PLACE's.
const SETTLE = `
  counted as (
    update "Integration" set "launchCount" = "launchCount" + 1, "lastLaunchAt" = now()
    where id = $1 and exists (select 1 from person)
    returning "accessKind", "planId"),
  granted as (
    insert into "AccessGrant" (id, "userId", kind, "planId", source, "integrationId", "createdAt", "updatedAt")
    select $2, p.user_id, c."accessKind", case when c."accessKind" = 'PLAN' then c."planId" end, 'INTEGRATION', $1, now(), now()
    from person p, counted c where c."accessKind" = 'FULL' or c."planId" is not null
    on conflict ("userId", "integrationId") do update
      set kind = excluded.kind, "planId" = excluded."planId", source = excluded.source, "updatedAt" = now()
    returning 1),
  logged as (
    insert into "LaunchLog" (id, "integrationId", "userId", outcome, "ltiVersion", "messageType", "createdAt")
    select $3, $1, p.user_id, 'SUCCESS', $5, $4, now() from person p where $5::text is not null
    returning 1),
  ${PLACE}`;

// The statement's answer carries the course and link ids (and whether the membership was written).
const PLACE_IDS = `(select id from course_id limit 1) as "courseId", (select id from link_id limit 1) as "linkId"`;

// A returning person's identity, touched: their hints and last launch refreshed.
// $6 platform key, $7 subject, $8 name hint, $9 email hint.
const TOUCH = `
  update "LtiIdentity"
  set "nameHint" = $8, "emailHint" = $9, "integrationId" = $1, "lastLaunchAt" = now()
  where "platformKey" = $6 and subject = $7
  returning "userId"`;

// A returning person only (null when the identity is new).
const RETURNING = `
  with touched as (${TOUCH}),
  person as (select "userId" as user_id from touched),
  ${SETTLE}
  select u.id, u."publicId", u.role::text as role, u."sessionVersion", ${PLACE_IDS}
  from touched t join "User" u on u.id = t."userId"`;

// Any person, in one statement: a returning one is touched as above; otherwise the account and
// the identity are created together, so a losing racer (unique violation on the identity) leaves
// nothing behind and tries again. $33 new user id, $34 new public ID, $35 new identity id.
const ANY_PERSON = `
  with touched as (${TOUCH}),
  account as (
    insert into "User" (id, "publicId", role, "sessionVersion", "createdAt", "updatedAt")
    select $33, $34, 'READER', 0, now(), now() where not exists (select 1 from touched)
    returning id, "publicId", role::text as role, "sessionVersion"),
  linked as (
    insert into "LtiIdentity" (id, "userId", "integrationId", "platformKey", subject, "nameHint", "emailHint", "createdAt", "lastLaunchAt")
    select $35, a.id, $1, $6, $7, $8, $9, now(), now() from account a
    returning "userId"),
  person as (select "userId" as user_id from touched union all select "userId" from linked),
  ${SETTLE}
  select u.id, u."publicId", u.role::text as role, u."sessionVersion", false as created, ${PLACE_IDS} from touched t join "User" u on u.id = t."userId"
  union all
  select a.id, a."publicId", a.role, a."sessionVersion", true, ${PLACE_IDS} from account a`;

type Params = { identity: LaunchIdentity; hints: { nameHint: string | null; emailHint: string | null }; record?: LaunchRecord };

// Courses, links and memberships this process wrote in the last ten minutes: a course's title or
// a link's range edited in the LMS reaches Folio on the first launch after that (or at once, when
// the values differ: the signature covers them).
const RECENT_TTL_MS = 10 * 60 * 1000;
const recentCourses = new RecentWrites(5_000, RECENT_TTL_MS);
const recentLinks = new RecentWrites(20_000, RECENT_TTL_MS);
const recentMembers = new RecentWrites(100_000, RECENT_TTL_MS);

/** For tests: forget what was written, so the next launch writes everything. */
export function forgetRecentPlaceWrites(): void {
  recentCourses.clear();
  recentLinks.clear();
  recentMembers.clear();
}

type Place = {
  values: unknown[];
  /** Remembers what the statement wrote, once it succeeded. */
  remember: (ids: ProvisionedPlace) => void;
};

const signature = (values: unknown[]) => JSON.stringify(values);

function placeParams(identity: LaunchIdentity): Place {
  const course = identity.course ?? null;
  const courseKey = course?.contextId ? `${identity.integrationId}\u0000${course.contextId}` : null;
  const courseSig = course ? signature([course.title, course.label, course.membershipsUrl]) : "";
  const knownCourse = courseKey ? recentCourses.get(courseKey, courseSig) : null;
  const link = course?.link ?? null;
  const linkKey = link ? `${identity.integrationId}\u0000${link.linkId}` : null;
  // The link's course is part of what it records: a link first seen without its course is rewritten.
  const linkValues = link ? [link.title, link.publicationSlug, link.startChapter, link.startFragment, link.endChapter, link.lineItemUrl, link.lineItemsUrl, link.agsScopes, link.scoreMaximum] : [];
  const linkSig = signature([knownCourse ?? courseKey, ...linkValues]);
  const knownLink = linkKey && knownCourse ? recentLinks.get(linkKey, linkSig) : null;
  const memberKey = knownCourse ? `${knownCourse}\u0000${identity.platformKey}\u0000${identity.subject}` : null;
  const memberSig = course ? signature([course.roles, course.instructor]) : "";
  const knownMember = memberKey ? recentMembers.get(memberKey, memberSig) : null;
  const values = [
    courseKey !== null && knownCourse === null, newId("c"), course?.contextId ?? null, course?.title ?? null, course?.label ?? null, course?.membershipsUrl ?? null, knownCourse,
    linkKey !== null && knownLink === null, newId("r"), ...(link ? [link.linkId, ...linkValues] : [null, null, null, null, null, null, null, null, [], null]), knownLink,
    courseKey !== null && knownMember === null, course?.roles ?? [], course?.instructor ?? false,
  ];
  return {
    values,
    remember: ({ courseId, linkId }) => {
      if (!courseKey || !courseId) return;
      recentCourses.set(courseKey, courseId, courseSig);
      if (linkKey && linkId) recentLinks.set(linkKey, linkId, signature([courseId, ...linkValues]));
      recentMembers.set(`${courseId}\u0000${identity.platformKey}\u0000${identity.subject}`, "1", memberSig);
    },
  };
}

function settleParams({ identity, hints, record }: Params, place: Place): unknown[] {
  return [identity.integrationId, newId("g"), newId("l"), record?.messageType?.slice(0, 64) ?? null, record?.ltiVersion ?? null,
    identity.platformKey, identity.subject, hints.nameHint, hints.emailHint, ...place.values];
}

type SettledRow = ProvisionedUser & ProvisionedPlace;
const splitRow = ({ courseId, linkId, ...user }: SettledRow) => ({ user, place: { courseId, linkId } });

async function settleReturning(params: Params, again = true): Promise<{ user: ProvisionedUser; place: ProvisionedPlace } | null> {
  const place = placeParams(params.identity);
  let row: SettledRow | undefined;
  try {
    [row] = await sql<SettledRow>("lti-provision-returning", RETURNING, settleParams(params, place));
  } catch (error) {
    // A course or link this process remembers is gone: forget them all and write them again.
    if (!again || violatedConstraint(error) === null) throw error;
    forgetRecentPlaceWrites();
    return settleReturning(params, false);
  }
  if (!row) return null;
  const settled = splitRow(row);
  place.remember(settled.place);
  return settled;
}

/** Settles any person; null when a concurrent launch won a race (try again). */
async function settleAny(params: Params): Promise<{ user: ProvisionedUser; place: ProvisionedPlace; created: boolean } | null> {
  try {
    const place = placeParams(params.identity);
    const [row] = await sql<SettledRow & { created: boolean }>("lti-provision-any", ANY_PERSON, [...settleParams(params, place), newId("u"), generatePublicId(), newId("i")]);
    const { created, ...rest } = row!;
    const settled = splitRow(rest);
    place.remember(settled.place);
    return { ...settled, created };
  } catch (error) {
    // The same person's first launch a moment ago (the identity), a public ID drawn twice
    // (1 in 10^12 per pair), or a remembered course or link that is gone: the next attempt
    // settles it, with nothing remembered.
    if (violatedConstraint(error) === null) throw error;
    forgetRecentPlaceWrites();
    return null;
  }
}

/** The lti1p1 claim proved this person launched before over LTI 1.1: link to that account. */
async function adoptLegacyAccount(identity: LaunchIdentity, hints: Params["hints"]): Promise<boolean> {
  const { legacy } = identity;
  if (!legacy) return false;
  const adopted = await prisma.ltiIdentity.findUnique({
    where: { platformKey_subject: { platformKey: legacy.platformKey, subject: legacy.subject } },
    select: { userId: true },
  });
  if (!adopted) return false;
  try {
    await prisma.ltiIdentity.create({
      data: { platformKey: identity.platformKey, subject: identity.subject, integrationId: identity.integrationId, userId: adopted.userId, ...hints },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return true;
}

/**
 * Finds or creates the person behind a verified launch and grants the integration's access;
 * with `record`, also logs the successful launch.
 */
export async function provisionLtiUser(identity: LaunchIdentity, record?: LaunchRecord): Promise<{ user: ProvisionedUser; place: ProvisionedPlace; created: boolean }> {
  if (record) maybePruneLaunchLog();
  const params: Params = { identity, hints: { nameHint: hint(identity.nameHint, 200), emailHint: hint(identity.emailHint, 320) }, record };
  if (identity.legacy) {
    // Someone the lti1p1 claim names: their LTI 1.1 account, when it exists, is theirs here too.
    const returning = await settleReturning(params);
    if (returning) return { ...returning, created: false };
    if (await adoptLegacyAccount(identity, params.hints)) {
      const adopted = await settleReturning(params);
      if (adopted) return { ...adopted, created: false };
    }
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const settled = await settleAny(params);
    if (settled) return settled;
  }
  throw new Error("LTI identity could not be settled after concurrent creation.");
}

/** Distinct people who came through an integration (the schema keeps no counter column for it). */
export async function countIntegrationUsers(integrationId: string): Promise<number> {
  const rows = await prisma.ltiIdentity.groupBy({ by: ["userId"], where: { integrationId } });
  return rows.length;
}
