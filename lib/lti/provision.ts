import "server-only";
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

/** Brings the integration's access (full, or its plan) onto the person; idempotent. */
async function refreshGrant(userId: string, integrationId: string): Promise<void> {
  const integration = await prisma.integration.findUniqueOrThrow({ where: { id: integrationId }, select: { accessKind: true, planId: true } });
  if (integration.accessKind === "PLAN" && !integration.planId) return;
  const access = { kind: integration.accessKind, planId: integration.accessKind === "PLAN" ? integration.planId : null };
  const upsert = () =>
    prisma.accessGrant.upsert({
      where: { userId_integrationId: { userId, integrationId } },
      create: { userId, integrationId, source: "INTEGRATION", ...access },
      update: { source: "INTEGRATION", ...access },
    });
  try {
    await upsert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await upsert();
  }
}

/** Finds or creates the person behind a verified launch, grants the integration's access. */
export async function provisionLtiUser(identity: LaunchIdentity): Promise<{ user: ProvisionedUser; created: boolean }> {
  const { userId, created } = await resolveUser(identity);
  await refreshGrant(userId, identity.integrationId);
  await prisma.integration.update({
    where: { id: identity.integrationId },
    data: { launchCount: { increment: 1 }, lastLaunchAt: new Date() },
  });
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, publicId: true, role: true, sessionVersion: true } });
  return { user, created };
}

/** Distinct people who came through an integration (the schema keeps no counter column for it). */
export async function countIntegrationUsers(integrationId: string): Promise<number> {
  const rows = await prisma.ltiIdentity.groupBy({ by: ["userId"], where: { integrationId } });
  return rows.length;
}
