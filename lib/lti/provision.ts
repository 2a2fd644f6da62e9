import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sql, violatedConstraint } from "@/lib/sql";
import { generatePublicId } from "@/lib/auth/public-id";

// Provisioning (design: "Provisioning rules"). A person is (platformKey, subject); the unique
// constraint on LtiIdentity, not a read-then-write, makes simultaneous first launches of one
// person converge on one account. LMS roles and emails never reach the User row.
//
// This runs on every launch, so it is hand-written SQL (docs/decisions/0012): a returning
// person costs one statement that refreshes their hints, brings the integration's access onto
// them, counts the launch and logs it; a new person costs one more, which creates the account
// and the identity together.

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

const hint = (value: string | null | undefined, max: number) => (value ? value.trim().slice(0, max) || null : null);
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

// A returning person. $6 platform key, $7 subject, $8 name hint, $9 email hint.
const RETURNING = `
  with person as (
    update "LtiIdentity"
    set "nameHint" = $8, "emailHint" = $9, "integrationId" = $1, "lastLaunchAt" = now()
    where "platformKey" = $6 and subject = $7
    returning "userId" as user_id),
  ${SETTLE}
  select u.id, u."publicId", u.role::text as role, u."sessionVersion"
  from person p join "User" u on u.id = p.user_id`;

// A new person: account and identity in one statement, so a losing racer (unique violation on
// the identity) leaves nothing behind. $10 user id, $11 public id, $12 identity id.
const NEW_PERSON = `
  with account as (
    insert into "User" (id, "publicId", role, "sessionVersion", "createdAt", "updatedAt")
    values ($10, $11, 'READER', 0, now(), now())
    returning id, "publicId", role::text as role, "sessionVersion"),
  person as (
    insert into "LtiIdentity" (id, "userId", "integrationId", "platformKey", subject, "nameHint", "emailHint", "createdAt", "lastLaunchAt")
    select $12, a.id, $1, $6, $7, $8, $9, now(), now() from account a
    returning "userId" as user_id),
  ${SETTLE}
  select a.id, a."publicId", a.role, a."sessionVersion" from account a, person p`;

type Params = { identity: LaunchIdentity; hints: { nameHint: string | null; emailHint: string | null }; record?: LaunchRecord };

function settleParams({ identity, hints, record }: Params): unknown[] {
  return [identity.integrationId, newId("g"), newId("l"), record?.messageType?.slice(0, 64) ?? null, record?.ltiVersion ?? null,
    identity.platformKey, identity.subject, hints.nameHint, hints.emailHint];
}

async function settleReturning(params: Params): Promise<ProvisionedUser | null> {
  const [user] = await sql<ProvisionedUser>("lti-provision-returning", RETURNING, settleParams(params));
  return user ?? null;
}

/** Creates the person; null when someone else created this identity a moment ago. */
async function settleNew(params: Params): Promise<ProvisionedUser | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [user] = await sql<ProvisionedUser>("lti-provision-new", NEW_PERSON, [...settleParams(params), newId("u"), generatePublicId(), newId("i")]);
      return user!;
    } catch (error) {
      const constraint = violatedConstraint(error);
      if (constraint === null) throw error;
      // A public ID drawn twice (1 in 10^12 per pair): draw again. Anything else is the identity.
      if (!constraint.includes("publicId")) return null;
      if (attempt >= 4) throw error;
    }
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
  const params: Params = { identity, hints: { nameHint: hint(identity.nameHint, 200), emailHint: hint(identity.emailHint, 320) }, record };
  for (let attempt = 0; attempt < 3; attempt++) {
    const returning = await settleReturning(params);
    if (returning) return { user: returning, created: false };
    if (await adoptLegacyAccount(identity, params.hints)) continue;
    const created = await settleNew(params);
    if (created) return { user: created, created: true };
    // Someone else created this identity a moment ago: take theirs on the next turn.
  }
  throw new Error("LTI identity could not be settled after concurrent creation.");
}

/** Distinct people who came through an integration (the schema keeps no counter column for it). */
export async function countIntegrationUsers(integrationId: string): Promise<number> {
  const rows = await prisma.ltiIdentity.groupBy({ by: ["userId"], where: { integrationId } });
  return rows.length;
}
