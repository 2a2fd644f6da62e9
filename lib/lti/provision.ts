import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sql, violatedConstraint } from "@/lib/sql";
import { generatePublicId } from "@/lib/auth/public-id";
import { maybePruneLaunchLog } from "@/lib/lti/launch-log";

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
};

/** When given, the successful launch is written to the integration's log in the same statement. */
export type LaunchRecord = { ltiVersion: "1.3" | "1.1"; messageType: string | null };

export type ProvisionedUser = { id: string; publicId: string; role: "ADMIN" | "READER"; sessionVersion: number };

// Postgres text cannot hold NUL (the whole statement, and the launch, would fail), and a hint is
// one line: control characters become spaces.
const hint = (value: string | null | undefined, max: number) => (value ? value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max) || null : null);
const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll("-", "")}`;

// What every launch does once the person is known (the CTE "person" yields their user_id):
// count the launch on the integration, upsert the grant of its access (full, or its plan, when
// it still has one) and, when $5 (the LTI version) is set, log the launch.
// $1 integration, $2 grant id, $3 log id, $4 message type, $5 LTI version.
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
    returning 1)`;

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
  select u.id, u."publicId", u.role::text as role, u."sessionVersion"
  from touched t join "User" u on u.id = t."userId"`;

// Any person, in one statement: a returning one is touched as above; otherwise the account and
// the identity are created together, so a losing racer (unique violation on the identity) leaves
// nothing behind and tries again. $10 new user id, $11 new public ID, $12 new identity id.
const ANY_PERSON = `
  with touched as (${TOUCH}),
  account as (
    insert into "User" (id, "publicId", role, "sessionVersion", "createdAt", "updatedAt")
    select $10, $11, 'READER', 0, now(), now() where not exists (select 1 from touched)
    returning id, "publicId", role::text as role, "sessionVersion"),
  linked as (
    insert into "LtiIdentity" (id, "userId", "integrationId", "platformKey", subject, "nameHint", "emailHint", "createdAt", "lastLaunchAt")
    select $12, a.id, $1, $6, $7, $8, $9, now(), now() from account a
    returning "userId"),
  person as (select "userId" as user_id from touched union all select "userId" from linked),
  ${SETTLE}
  select u.id, u."publicId", u.role::text as role, u."sessionVersion", false as created from touched t join "User" u on u.id = t."userId"
  union all
  select a.id, a."publicId", a.role, a."sessionVersion", true from account a`;

type Params = { identity: LaunchIdentity; hints: { nameHint: string | null; emailHint: string | null }; record?: LaunchRecord };

function settleParams({ identity, hints, record }: Params): unknown[] {
  return [identity.integrationId, newId("g"), newId("l"), record?.messageType?.slice(0, 64) ?? null, record?.ltiVersion ?? null,
    identity.platformKey, identity.subject, hints.nameHint, hints.emailHint];
}

async function settleReturning(params: Params): Promise<ProvisionedUser | null> {
  const [user] = await sql<ProvisionedUser>("lti-provision-returning", RETURNING, settleParams(params));
  return user ?? null;
}

/** Settles any person; null when a concurrent launch won a race (try again). */
async function settleAny(params: Params): Promise<{ user: ProvisionedUser; created: boolean } | null> {
  try {
    const [row] = await sql<ProvisionedUser & { created: boolean }>("lti-provision-any", ANY_PERSON, [...settleParams(params), newId("u"), generatePublicId(), newId("i")]);
    const { created, ...user } = row!;
    return { user, created };
  } catch (error) {
    // The same person's first launch a moment ago (the identity), or a public ID drawn twice
    // (1 in 10^12 per pair): either way the next attempt settles it.
    if (violatedConstraint(error) === null) throw error;
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
export async function provisionLtiUser(identity: LaunchIdentity, record?: LaunchRecord): Promise<{ user: ProvisionedUser; created: boolean }> {
  if (record) maybePruneLaunchLog();
  const params: Params = { identity, hints: { nameHint: hint(identity.nameHint, 200), emailHint: hint(identity.emailHint, 320) }, record };
  if (identity.legacy) {
    // Someone the lti1p1 claim names: their LTI 1.1 account, when it exists, is theirs here too.
    const returning = await settleReturning(params);
    if (returning) return { user: returning, created: false };
    if (await adoptLegacyAccount(identity, params.hints)) {
      const adopted = await settleReturning(params);
      if (adopted) return { user: adopted, created: false };
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
