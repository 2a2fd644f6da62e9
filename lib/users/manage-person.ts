import "server-only";
import { z } from "zod";
import { prisma, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireAdmin, type CurrentUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { displayName } from "@/lib/users/display-name";

// What an administrator can do to a person. Each function checks the administrator itself,
// changes the data and writes its audit entry in one transaction, so there is no change without
// its record. Access is read from the database on every request (lib/access/can-read.ts, the
// library's /api/library), so a change here applies to the person's next request.

const id = z.string().min(1).max(64);

type Tx = Prisma.TransactionClient;

/** The person, locked for this transaction (concurrent changes to one person queue up), with what the audit entry names. */
async function lockPerson(tx: Tx, userId: string) {
  const rows = await tx.$queryRaw<{ id: string; publicId: string; name: string | null; email: string | null; role: "ADMIN" | "READER"; disabledAt: Date | null; nameHint: string | null }[]>`
    select u.id, u."publicId", u.name, u.email, u.role::text as role, u."disabledAt",
           (select i."nameHint" from "LtiIdentity" i where i."userId" = u.id and i."nameHint" is not null order by i."lastLaunchAt" desc limit 1) as "nameHint"
      from "User" u where u.id = ${userId} for update of u`;
  const person = rows[0];
  if (!person) throw new AppError("NOT_FOUND", "That person no longer exists (they may have been deleted).");
  return { ...person, label: displayName(person) };
}

/** Who the entry is about, readable after they are gone. */
const who = (p: { publicId: string; label: string }) => ({ publicId: p.publicId, name: p.label });

export const grantAccessSchema = z.discriminatedUnion("kind", [
  z.object({ userId: id, kind: z.literal("FULL") }),
  z.object({ userId: id, kind: z.literal("PLAN"), planId: id }),
]);

/** Gives a person full access or a plan, as an administrator's grant (it does not depend on any integration). */
export async function grantAccess(input: z.input<typeof grantAccessSchema>): Promise<void> {
  const actor = await requireAdmin();
  const g = grantAccessSchema.parse(input);
  await prisma.$transaction(async (tx) => {
    const person = await lockPerson(tx, g.userId);
    const plan = g.kind === "PLAN" ? await tx.plan.findUnique({ where: { id: g.planId }, select: { id: true, name: true } }) : null;
    if (g.kind === "PLAN" && !plan) throw new AppError("NOT_FOUND", "That plan no longer exists.");
    const existing = await tx.accessGrant.findFirst({ where: { userId: person.id, source: "ADMIN", kind: g.kind, planId: plan?.id ?? null } });
    if (existing) throw new AppError("CONFLICT", g.kind === "FULL" ? `${person.label} already has full access.` : `${person.label} already has the plan ${plan!.name}.`);
    await tx.accessGrant.create({ data: { userId: person.id, kind: g.kind, planId: plan?.id ?? null, source: "ADMIN" } });
    await recordAudit({ actorUserId: actor.id, action: "access.grant", targetUserId: person.id, details: { ...who(person), kind: g.kind, plan: plan?.name ?? null, planId: plan?.id ?? null } }, tx);
  });
}

export const revokeAccessSchema = z.object({ userId: id, grantId: id });

/**
 * Takes one grant away. A grant that came through an integration is given again by the person's
 * next launch from it; the page says so.
 */
export async function revokeAccess(input: z.input<typeof revokeAccessSchema>): Promise<void> {
  const actor = await requireAdmin();
  const r = revokeAccessSchema.parse(input);
  await prisma.$transaction(async (tx) => {
    const person = await lockPerson(tx, r.userId);
    const grant = await tx.accessGrant.findFirst({
      where: { id: r.grantId, userId: person.id },
      select: { id: true, kind: true, source: true, plan: { select: { id: true, name: true } }, integration: { select: { id: true, name: true } } },
    });
    if (!grant) throw new AppError("NOT_FOUND", "That access was already taken away.");
    await tx.accessGrant.delete({ where: { id: grant.id } });
    await recordAudit({
      actorUserId: actor.id, action: "access.revoke", targetUserId: person.id,
      details: { ...who(person), kind: grant.kind, plan: grant.plan?.name ?? null, planId: grant.plan?.id ?? null, source: grant.source, integration: grant.integration?.name ?? null },
    }, tx);
  });
}

function refuseSelf(actor: CurrentUser, userId: string, what: string) {
  if (actor.id === userId) throw new AppError("CONFLICT", `You cannot ${what} your own account here: another administrator can.`);
}

export const setDisabledSchema = z.object({ userId: id, disabled: z.boolean() });

/**
 * Disables or enables an account. A disabled account's sessions stop working on their next
 * request (lib/auth/session.ts refuses it) and it cannot sign in; enabling it again does not
 * bring back the sessions it had (the session version moves on).
 */
export async function setAccountDisabled(input: z.input<typeof setDisabledSchema>): Promise<void> {
  const actor = await requireAdmin();
  const s = setDisabledSchema.parse(input);
  if (s.disabled) refuseSelf(actor, s.userId, "disable");
  await prisma.$transaction(async (tx) => {
    const person = await lockPerson(tx, s.userId);
    if (s.disabled === (person.disabledAt !== null)) return;
    await tx.user.update({
      where: { id: person.id },
      data: s.disabled ? { disabledAt: new Date(), sessionVersion: { increment: 1 } } : { disabledAt: null },
    });
    await recordAudit({ actorUserId: actor.id, action: s.disabled ? "user.disable" : "user.enable", targetUserId: person.id, details: who(person) }, tx);
  });
}

/** What deleting a person removes, for the confirmation. */
export async function deletionImpact(userId: string): Promise<{ highlights: number; notes: number; sessions: number; books: number; courses: number }> {
  await requireAdmin();
  const [annotations, sessions, books, courses] = await Promise.all([
    prisma.annotation.groupBy({ by: ["kind"], where: { userId }, _count: { _all: true } }),
    prisma.readingSession.count({ where: { userId } }),
    prisma.readingProgress.count({ where: { userId } }),
    prisma.courseMembership.count({ where: { userId } }),
  ]);
  const count = (kind: string) => annotations.find((a) => a.kind === kind)?._count._all ?? 0;
  return { highlights: count("HIGHLIGHT"), notes: count("NOTE"), sessions, books, courses };
}

export const deletePersonSchema = z.object({ userId: id });

/**
 * Deletes a person and, by the schema's cascades, their LMS identities, access, reading
 * (progress, sittings, clocks, chapters), highlights, notes, course memberships and pending
 * scores. Launch log rows stay, without the person. The audit entry keeps their public ID, name
 * and what went.
 */
export async function deletePerson(input: z.input<typeof deletePersonSchema>): Promise<void> {
  const actor = await requireAdmin();
  const { userId } = deletePersonSchema.parse(input);
  refuseSelf(actor, userId, "delete");
  await prisma.$transaction(async (tx) => {
    const person = await lockPerson(tx, userId);
    const annotations = await tx.annotation.groupBy({ by: ["kind"], where: { userId }, _count: { _all: true } });
    const sessions = await tx.readingSession.count({ where: { userId } });
    const count = (kind: string) => annotations.find((a) => a.kind === kind)?._count._all ?? 0;
    await tx.user.delete({ where: { id: person.id } });
    await recordAudit({
      actorUserId: actor.id, action: "user.delete", targetUserId: person.id,
      details: { ...who(person), email: person.email, role: person.role, removed: { highlights: count("HIGHLIGHT"), notes: count("NOTE"), sessions } },
    }, tx);
  });
}
