import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sql, violatedConstraint } from "@/lib/sql";
import { generatePublicId } from "@/lib/auth/public-id";
import { maybePruneLaunchLog } from "@/lib/lti/launch-log";
import { LtiError } from "@/lib/lti/errors";
import { refreshSearchText } from "@/lib/users/search-text";
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

// The launch's course, resource link and the person's membership (docs/decisions/0019) are
// written in the provisioning statement, each only when this process has not written the same
// values lately (RecentWrites below): a class launching one link writes the course and the link
// once, a returning student nothing. The statement is assembled from the parts a launch needs,
// one prepared statement per combination, so a launch into a remembered course carries no more
// SQL than the membership check; the ids come back for the landing page.
//
// Statements are written with named parameters, $(name), numbered per variant by `compile`.

type PartMode = "write" | "known" | "none";
type Variant = { course: PartMode; link: PartMode };

const COURSE_WRITE = `
  course_written as (
    insert into "Course" as c (id, "integrationId", "contextId", title, label, "membershipsUrl", "createdAt", "updatedAt")
    select $(course_new_id), $(integration), $(context_id), $(course_title), $(course_label), $(memberships_url), now(), now() from person
    on conflict ("integrationId", "contextId") do update
      set title = coalesce(excluded.title, c.title), label = coalesce(excluded.label, c.label),
          "membershipsUrl" = coalesce(excluded."membershipsUrl", c."membershipsUrl"), "updatedAt" = now()
    returning id),
  course_id as (select id from course_written),`;
const COURSE_KNOWN = `
  course_id as (select $(course_known)::text as id),`;

const LINK_WRITE = (withCourse: boolean) => `
  link_written as (
    insert into "ResourceLink" as l (id, "integrationId", "courseId", "linkId", title, "publicationId", "startChapter", "startFragment",
      "endChapter", "lineItemUrl", "lineItemsUrl", "agsScopes", "scoreMaximum", "createdAt", "updatedAt", "lastLaunchAt")
    select $(link_new_id), $(integration), ${withCourse ? "(select id from course_id)" : "null"}, $(link_id), $(link_title),
      (select id from "Publication" where slug = $(slug)), $(start), $(fragment), $(end), $(line_item), $(line_items), $(scopes), $(score_max),
      now(), now(), now()
    from person
    on conflict ("integrationId", "linkId") do update
      set "courseId" = coalesce(excluded."courseId", l."courseId"), title = coalesce(excluded.title, l.title),
          "publicationId" = coalesce(excluded."publicationId", l."publicationId"), "startChapter" = excluded."startChapter",
          "startFragment" = excluded."startFragment", "endChapter" = excluded."endChapter",
          "lineItemUrl" = coalesce(excluded."lineItemUrl", l."lineItemUrl"), "lineItemsUrl" = coalesce(excluded."lineItemsUrl", l."lineItemsUrl"),
          "agsScopes" = excluded."agsScopes", "scoreMaximum" = coalesce(excluded."scoreMaximum", l."scoreMaximum"),
          "updatedAt" = now(), "lastLaunchAt" = now()
    returning id),
  link_id as (select id from link_written),`;
const LINK_KNOWN = `
  link_id as (select $(link_known)::text as id),`;

// Written for a new account always (a remembered membership may be a deleted account's).
const MEMBER = `
  member as (
    insert into "CourseMembership" as m ("courseId", "userId", subject, roles, instructor, "firstLaunchAt", "lastLaunchAt")
    select k.id, p.user_id, $(subject), $(roles), $(instructor), now(), now() from person p, course_id k
    where $(member_write) or not exists (select 1 from touched)
    on conflict ("courseId", "userId") do update
      set subject = excluded.subject, roles = excluded.roles, instructor = excluded.instructor, "lastLaunchAt" = now()
      -- Unchanged, the row is left alone (its last launch kept to the hour): a person's launches
      -- reach instances that have not seen them, and each would otherwise write a new version.
      where (m.subject, m.roles, m.instructor) is distinct from (excluded.subject, excluded.roles, excluded.instructor)
         or m."lastLaunchAt" < now() - interval '1 hour'
    returning 1),`;

function placeSql({ course, link }: Variant): { ctes: string; ids: string } {
  const ctes = (course === "write" ? COURSE_WRITE : course === "known" ? COURSE_KNOWN : "")
    + (link === "write" ? LINK_WRITE(course !== "none") : link === "known" ? LINK_KNOWN : "")
    + (course !== "none" ? MEMBER : "");
  const ids = `${course === "none" ? "null::text" : "(select id from course_id)"} as "courseId", ${link === "none" ? "null::text" : "(select id from link_id)"} as "linkId"`;
  return { ctes, ids };
}

// What every launch does once the person is known (the CTE "person" yields their user_id):
// count the launch on the integration, upsert the grant of its access (full, or its plan, when
// it still has one) and, when the LTI version is given, log the launch.
const SETTLE = `
  counted as (
    update "Integration" set "launchCount" = "launchCount" + 1, "lastLaunchAt" = now()
    where id = $(integration) and exists (select 1 from person)
    returning "accessKind", "planId"),
  granted as (
    insert into "AccessGrant" (id, "userId", kind, "planId", source, "integrationId", "createdAt", "updatedAt")
    select $(grant_id), p.user_id, c."accessKind", case when c."accessKind" = 'PLAN' then c."planId" end, 'INTEGRATION', $(integration), now(), now()
    from person p, counted c where c."accessKind" = 'FULL' or c."planId" is not null
    on conflict ("userId", "integrationId") do update
      set kind = excluded.kind, "planId" = excluded."planId", source = excluded.source, "updatedAt" = now()
    returning 1),
  logged as (
    insert into "LaunchLog" (id, "integrationId", "userId", outcome, "ltiVersion", "messageType", "createdAt")
    select $(log_id), $(integration), p.user_id, 'SUCCESS', $(lti_version), $(message_type), now() from person p where $(lti_version)::text is not null
    returning 1)`;

// A returning person's identity, touched: their hints and last launch refreshed.
const TOUCH = `
  update "LtiIdentity"
  set "nameHint" = $(name_hint), "emailHint" = $(email_hint), "integrationId" = $(integration), "lastLaunchAt" = now()
  where "platformKey" = $(platform_key) and subject = $(subject)
  returning "userId"`;

// A returning person only (null when the identity is new).
const RETURNING = (place: { ctes: string; ids: string }) => `
  with touched as (${TOUCH}),
  person as (select t."userId" as user_id from touched t join "User" u on u.id = t."userId" where u."disabledAt" is null),${place.ctes}
  ${SETTLE}
  select u.id, u."publicId", u.role::text as role, u."sessionVersion", u."disabledAt" is not null as disabled, ${place.ids}
  from touched t join "User" u on u.id = t."userId"`;

// Any person, in one statement: a returning one is touched as above; otherwise the account and
// the identity are created together, so a losing racer (unique violation on the identity) leaves
// nothing behind and tries again.
const ANY_PERSON = (place: { ctes: string; ids: string }) => `
  with touched as (${TOUCH}),
  account as (
    -- The search text the Control Panel finds people by (docs/decisions/0022), written with the
    -- account: what folio_user_search_text gives once its one identity exists, so the identity's
    -- trigger finds it current and writes the row no second time.
    insert into "User" (id, "publicId", role, "sessionVersion", "createdAt", "updatedAt", "searchText")
    select $(user_new_id), $(public_id), 'READER', 0, now(), now(),
      folio_search_norm(concat_ws(E'\n', $(public_id)::text, concat_ws(E'\n', $(name_hint)::text, $(email_hint)::text, $(subject)::text)))
    where not exists (select 1 from touched)
    returning id, "publicId", role::text as role, "sessionVersion"),
  linked as (
    insert into "LtiIdentity" (id, "userId", "integrationId", "platformKey", subject, "nameHint", "emailHint", "createdAt", "lastLaunchAt")
    select $(identity_new_id), a.id, $(integration), $(platform_key), $(subject), $(name_hint), $(email_hint), now(), now() from account a
    returning "userId"),
  person as (
    select t."userId" as user_id from touched t join "User" u on u.id = t."userId" where u."disabledAt" is null
    union all select "userId" from linked),${place.ctes}
  ${SETTLE}
  select u.id, u."publicId", u.role::text as role, u."sessionVersion", false as created, u."disabledAt" is not null as disabled, ${place.ids}
  from touched t join "User" u on u.id = t."userId"
  union all
  select a.id, a."publicId", a.role, a."sessionVersion", true, false, ${place.ids} from account a`;

type Compiled = { name: string; text: string; names: string[] };

/** $(name) → $1, $2…, in order of first use; the names say which value goes where. */
export function compile(name: string, text: string): Compiled {
  const names: string[] = [];
  const numbered = text.replace(/\$\(([a-z_]+)\)/g, (_, param: string) => {
    let index = names.indexOf(param);
    if (index < 0) index = names.push(param) - 1;
    return `$${index + 1}`;
  });
  return { name, text: numbered, names };
}

const statements = new Map<string, Compiled>();
function statementFor(kind: "any" | "returning", variant: Variant): Compiled {
  const name = `lti-provision-${kind}${variant.course === "none" ? "" : `-course-${variant.course}`}${variant.link === "none" ? "" : `-link-${variant.link}`}`;
  let compiled = statements.get(name);
  if (!compiled) {
    const place = placeSql(variant);
    compiled = compile(name, kind === "any" ? ANY_PERSON(place) : RETURNING(place));
    statements.set(name, compiled);
  }
  return compiled;
}

async function run<Row>(compiled: Compiled, values: Record<string, unknown>): Promise<Row[]> {
  return sql<Row>(compiled.name, compiled.text, compiled.names.map((n) => {
    if (!(n in values)) throw new Error(`No value for $(${n}) in ${compiled.name}.`);
    return values[n];
  }));
}

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
  variant: Variant;
  values: Record<string, unknown>;
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
  const linkValues = link ? [link.title, link.publicationSlug, link.startChapter, link.startFragment, link.endChapter, link.lineItemUrl, link.lineItemsUrl, link.agsScopes, link.scoreMaximum] : [];
  // The link's course is part of what it records: a link is rewritten when its course is.
  const knownLink = linkKey && knownCourse ? recentLinks.get(linkKey, signature([knownCourse, ...linkValues])) : null;
  const memberKey = knownCourse ? `${knownCourse}\u0000${identity.platformKey}\u0000${identity.subject}` : null;
  const memberSig = course ? signature([course.roles, course.instructor]) : "";
  const knownMember = memberKey ? recentMembers.get(memberKey, memberSig) : null;
  const variant: Variant = {
    course: courseKey === null ? "none" : knownCourse ? "known" : "write",
    link: linkKey === null ? "none" : knownLink ? "known" : "write",
  };
  const values: Record<string, unknown> = {
    course_new_id: newId("c"), context_id: course?.contextId ?? null, course_title: course?.title ?? null, course_label: course?.label ?? null,
    memberships_url: course?.membershipsUrl ?? null, course_known: knownCourse,
    link_new_id: newId("r"), link_id: link?.linkId ?? null, link_title: link?.title ?? null, slug: link?.publicationSlug ?? null,
    start: link?.startChapter ?? null, fragment: link?.startFragment ?? null, end: link?.endChapter ?? null,
    line_item: link?.lineItemUrl ?? null, line_items: link?.lineItemsUrl ?? null, scopes: link?.agsScopes ?? [], score_max: link?.scoreMaximum ?? null,
    link_known: knownLink,
    member_write: knownMember === null, roles: course?.roles ?? [], instructor: course?.instructor ?? false,
  };
  return {
    variant,
    values,
    remember: ({ courseId, linkId }) => {
      if (!courseKey || !courseId) return;
      recentCourses.set(courseKey, courseId, courseSig);
      if (linkKey && linkId) recentLinks.set(linkKey, linkId, signature([courseId, ...linkValues]));
      recentMembers.set(`${courseId}\u0000${identity.platformKey}\u0000${identity.subject}`, "1", memberSig);
    },
  };
}

function settleValues({ identity, hints, record }: Params, place: Place): Record<string, unknown> {
  return {
    integration: identity.integrationId, grant_id: newId("g"), log_id: newId("l"),
    message_type: record?.messageType?.slice(0, 64) ?? null, lti_version: record?.ltiVersion ?? null,
    platform_key: identity.platformKey, subject: identity.subject, name_hint: hints.nameHint, email_hint: hints.emailHint,
    ...place.values,
  };
}

type SettledRow = ProvisionedUser & ProvisionedPlace & { disabled: boolean };

// A disabled account (the store owner's choice, docs/decisions/0022) is found but not settled:
// the statement grants, counts and logs nothing for it, and the launch is refused by name.
function splitRow({ courseId, linkId, disabled, ...user }: SettledRow, integrationId: string) {
  if (disabled) {
    throw new LtiError("LTI_ACCOUNT_DISABLED", "The store has disabled this person's Folio account.", { status: 403, integrationId });
  }
  return { user, place: { courseId, linkId } };
}

async function settleReturning(params: Params, again = true): Promise<{ user: ProvisionedUser; place: ProvisionedPlace } | null> {
  const place = placeParams(params.identity);
  let row: SettledRow | undefined;
  try {
    [row] = await run<SettledRow>(statementFor("returning", place.variant), settleValues(params, place));
  } catch (error) {
    // A course or link this process remembers is gone: forget them all and write them again.
    if (!again || violatedConstraint(error) === null) throw error;
    forgetRecentPlaceWrites();
    return settleReturning(params, false);
  }
  if (!row) return null;
  const settled = splitRow(row, params.identity.integrationId);
  place.remember(settled.place);
  return settled;
}

/** Settles any person; null when a concurrent launch won a race (try again). */
async function settleAny(params: Params): Promise<{ user: ProvisionedUser; place: ProvisionedPlace; created: boolean } | null> {
  try {
    const place = placeParams(params.identity);
    const values = { ...settleValues(params, place), user_new_id: newId("u"), public_id: generatePublicId(), identity_new_id: newId("i") };
    const [row] = await run<SettledRow & { created: boolean }>(statementFor("any", place.variant), values);
    const { created, ...rest } = row!;
    const settled = splitRow(rest, params.identity.integrationId);
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
  // The new identity's hints join what the Control Panel finds the person by.
  await refreshSearchText(adopted.userId);
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
