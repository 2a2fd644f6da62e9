import "server-only";
import { prisma } from "@/lib/db";
import { compileNamed, sqlNamed, violatedConstraint, type NamedStatement } from "@/lib/sql";
import { generatePublicId } from "@/lib/auth/public-id";
import { maybePruneLaunchLog } from "@/lib/lti/launch-log";
import { LtiError } from "@/lib/lti/errors";
import { refreshSearchText } from "@/lib/users/search-text";
import { COUNTER_SHARD } from "@/lib/integrations/counters";
import type { LaunchCourse } from "@/lib/lti/course-claims";
import { forgetRecentPlaceWrites, newId, placeParams, placeSql, type Place, type ProvisionedPlace, type Variant } from "@/lib/lti/launch-place";

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

// Postgres text cannot hold NUL (the whole statement, and the launch, would fail), and a hint is
// one line: control characters become spaces.
const hint = (value: string | null | undefined, max: number) => (value ? value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max) || null : null);

export { forgetRecentPlaceWrites, type ProvisionedPlace };

// The statement is assembled from the parts a launch needs (lib/lti/launch-place.ts), one
// prepared statement per combination, written with named parameters numbered by compileNamed.

// What every launch does once the person is known (the CTE "person" yields their user_id):
// count the launch on the integration, upsert the grant of its access (full, or its plan, when
// it still has one) and, when the LTI version is given, log the launch. The count goes to this
// connection's own counter row (lib/integrations/counters.ts), never to the Integration row,
// which every launch would otherwise queue on.
const SETTLE = `
  access as (
    select "accessKind", "planId" from "Integration" where id = $(integration) and exists (select 1 from person)),
  counted as (
    insert into "IntegrationCounter" as n ("integrationId", shard, launches, "lastLaunchAt")
    select $(integration), ${COUNTER_SHARD}, 1, now() from access
    on conflict ("integrationId", shard) do update set launches = n.launches + 1, "lastLaunchAt" = now()
    returning 1),
  granted as (
    insert into "AccessGrant" (id, "userId", kind, "planId", source, "integrationId", "createdAt", "updatedAt")
    select $(grant_id), p.user_id, c."accessKind", case when c."accessKind" = 'PLAN' then c."planId" end, 'INTEGRATION', $(integration), now(), now()
    from person p, access c where c."accessKind" = 'FULL' or c."planId" is not null
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

const statements = new Map<string, NamedStatement>();
function statementFor(kind: "any" | "returning", variant: Variant): NamedStatement {
  const name = `lti-provision-${kind}${variant.course === "none" ? "" : `-course-${variant.course}`}${variant.link === "none" ? "" : `-link-${variant.link}`}`;
  let compiled = statements.get(name);
  if (!compiled) {
    const place = placeSql(variant);
    compiled = compileNamed(name, kind === "any" ? ANY_PERSON(place) : RETURNING(place));
    statements.set(name, compiled);
  }
  return compiled;
}

type Params = { identity: LaunchIdentity; hints: { nameHint: string | null; emailHint: string | null }; record?: LaunchRecord };

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
    [row] = await sqlNamed<SettledRow>(statementFor("returning", place.variant), settleValues(params, place));
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
    const [row] = await sqlNamed<SettledRow & { created: boolean }>(statementFor("any", place.variant), values);
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
