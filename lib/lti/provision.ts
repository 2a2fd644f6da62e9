import "server-only";
import { randomUUID } from "node:crypto";
import { prisma, isUniqueViolation } from "@/lib/db";
import { createUserWithPublicId } from "@/lib/users/create-user";

// Provisioning (design: "Provisioning rules"). A person is (platformKey, subject); the unique
// constraint on LtiIdentity, not a read-then-write, makes simultaneous first launches of one
// person converge on one account. LMS roles and emails never reach the User row.

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

export type ProvisionedUser = { id: string; publicId: string; role: "ADMIN" | "READER"; sessionVersion: number };

const hint = (value: string | null | undefined, max: number) => (value ? value.trim().slice(0, max) || null : null);

async function findIdentity(platformKey: string, subject: string) {
  return prisma.ltiIdentity.findUnique({ where: { platformKey_subject: { platformKey, subject } }, select: { id: true, userId: true } });
}

async function linkOrCreate(identity: LaunchIdentity, hints: { nameHint: string | null; emailHint: string | null }) {
  const row = { platformKey: identity.platformKey, subject: identity.subject, integrationId: identity.integrationId, ...hints };
  const adopted = identity.legacy ? await findIdentity(identity.legacy.platformKey, identity.legacy.subject) : null;
  if (adopted) {
    await prisma.ltiIdentity.create({ data: { ...row, userId: adopted.userId } });
    return { userId: adopted.userId, created: false };
  }
  // User and identity in one statement batch (one transaction): a losing racer leaves nothing behind.
  const user = await createUserWithPublicId({ role: "READER", ltiIdentities: { create: row } });
  return { userId: user.id, created: true };
}

async function resolveUser(identity: LaunchIdentity): Promise<{ userId: string; created: boolean }> {
  const hints = { nameHint: hint(identity.nameHint, 200), emailHint: hint(identity.emailHint, 320) };
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findIdentity(identity.platformKey, identity.subject);
    if (existing) {
      await prisma.ltiIdentity.update({
        where: { id: existing.id },
        data: { ...hints, integrationId: identity.integrationId, lastLaunchAt: new Date() },
      });
      return { userId: existing.userId, created: false };
    }
    try {
      return await linkOrCreate(identity, hints);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Someone else created this identity a moment ago: read theirs on the next turn.
    }
  }
  throw new Error("LTI identity could not be settled after concurrent creation.");
}

/**
 * Counts the launch on the integration and brings its access (full, or its plan) onto the
 * person, idempotently: one statement, so a launch costs the database one round trip here.
 */
async function refreshAccessAndCount(userId: string, integrationId: string): Promise<void> {
  const grantId = `g${randomUUID().replaceAll("-", "")}`;
  await prisma.$executeRaw`
    with i as (
      update "Integration" set "launchCount" = "launchCount" + 1, "lastLaunchAt" = now()
      where id = ${integrationId}
      returning "accessKind", "planId")
    insert into "AccessGrant" (id, "userId", kind, "planId", source, "integrationId", "createdAt", "updatedAt")
    select ${grantId}, ${userId}, i."accessKind", case when i."accessKind" = 'PLAN' then i."planId" end,
           'INTEGRATION'::"GrantSource", ${integrationId}, now(), now()
    from i where i."accessKind" = 'FULL' or i."planId" is not null
    on conflict ("userId", "integrationId") do update
      set kind = excluded.kind, "planId" = excluded."planId", source = excluded.source, "updatedAt" = now()`;
}

/** A returning person: refresh their hints and read them back in one statement (null if new). */
async function touchIdentity(identity: LaunchIdentity, hints: { nameHint: string | null; emailHint: string | null }) {
  const rows = await prisma.$queryRaw<ProvisionedUser[]>`
    with touched as (
      update "LtiIdentity"
      set "nameHint" = ${hints.nameHint}, "emailHint" = ${hints.emailHint}, "integrationId" = ${identity.integrationId}, "lastLaunchAt" = now()
      where "platformKey" = ${identity.platformKey} and subject = ${identity.subject}
      returning "userId")
    select u.id, u."publicId", u.role::text as role, u."sessionVersion"
    from touched join "User" u on u.id = touched."userId"`;
  return rows[0] ?? null;
}

/** Finds or creates the person behind a verified launch, grants the integration's access. */
export async function provisionLtiUser(identity: LaunchIdentity): Promise<{ user: ProvisionedUser; created: boolean }> {
  const hints = { nameHint: hint(identity.nameHint, 200), emailHint: hint(identity.emailHint, 320) };
  let user = await touchIdentity(identity, hints);
  let created = false;
  if (!user) {
    const resolved = await resolveUser(identity);
    created = resolved.created;
    user = await prisma.user.findUniqueOrThrow({ where: { id: resolved.userId }, select: { id: true, publicId: true, role: true, sessionVersion: true } });
  }
  await refreshAccessAndCount(user.id, identity.integrationId);
  return { user, created };
}

/** Distinct people who came through an integration (the schema keeps no counter column for it). */
export async function countIntegrationUsers(integrationId: string): Promise<number> {
  const rows = await prisma.ltiIdentity.groupBy({ by: ["userId"], where: { integrationId } });
  return rows.length;
}
