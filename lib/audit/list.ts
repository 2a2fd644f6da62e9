import "server-only";
import { z } from "zod";
import { prisma, Prisma } from "@/lib/db";
import { requireAdmin } from "@/lib/auth/session";
import { displayName } from "@/lib/users/display-name";
import { decodeCursor, encodeCursor } from "@/lib/users/cursor";

export const auditFilterSchema = z.object({
  /** A person's user ID or public ID. */
  person: z.string().trim().max(64).optional().transform((v) => v || undefined),
  action: z.string().trim().max(64).regex(/^[a-z0-9_.-]*$/i).optional().transform((v) => v || undefined),
  after: z.string().max(200).optional(),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export type AuditRow = {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  target: { id: string; name: string; exists: boolean } | null;
  details: Record<string, unknown>;
};

const PAGE = 50;

type Raw = {
  id: string; at: Date; action: string; details: Record<string, unknown>;
  actorUserId: string | null; actorPublicId: string | null; actorName: string | null; actorEmail: string | null;
  targetUserId: string | null; targetPublicId: string | null; targetName: string | null; targetHint: string | null;
};

/** The audit log, newest first, 50 a page (keyset on time and ID), for administrators. */
export async function listAuditEvents(input: AuditFilter = {}): Promise<{ rows: AuditRow[]; next: string | null; actions: string[] }> {
  await requireAdmin();
  const f = auditFilterSchema.parse(input);
  const cursor = decodeCursor(f.after);
  const person = f.person
    ? Prisma.sql`and (e."targetUserId" = ${f.person} or e."targetUserId" = (select id from "User" where "publicId" = ${f.person.toUpperCase()})
                      or e.details->>'publicId' = ${f.person.toUpperCase()})`
    : Prisma.empty;
  const [rows, actions] = await Promise.all([
    prisma.$queryRaw<Raw[]>`
      select e.id, e.at, e.action, e.details, e."actorUserId", a."publicId" as "actorPublicId", a.name as "actorName", a.email as "actorEmail",
             e."targetUserId", t."publicId" as "targetPublicId", t.name as "targetName",
             (select i."nameHint" from "LtiIdentity" i where i."userId" = t.id and i."nameHint" is not null order by i."lastLaunchAt" desc limit 1) as "targetHint"
        from "AuditEvent" e
        left join "User" a on a.id = e."actorUserId"
        left join "User" t on t.id = e."targetUserId"
       where true ${person}
         ${f.action ? Prisma.sql`and e.action = ${f.action}` : Prisma.empty}
         ${cursor ? Prisma.sql`and (e.at, e.id) < (${cursor.at}::timestamp, ${cursor.id})` : Prisma.empty}
       order by e.at desc, e.id desc
       limit ${PAGE + 1}`,
    prisma.$queryRaw<{ action: string }[]>`select distinct action from "AuditEvent" order by action limit 200`,
  ]);
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    rows: page.map((r) => {
      const details = r.details ?? {};
      const snapshot = typeof details.publicId === "string" ? details.publicId : null;
      return {
        id: r.id,
        at: r.at.toISOString(),
        action: r.action,
        details,
        actor: r.actorUserId ? { id: r.actorUserId, name: r.actorPublicId ? (r.actorName ?? r.actorEmail ?? r.actorPublicId) : "a deleted account" } : null,
        target: r.targetUserId
          ? r.targetPublicId
            ? { id: r.targetUserId, name: displayName({ name: r.targetName, nameHint: r.targetHint, publicId: r.targetPublicId }), exists: true }
            : { id: r.targetUserId, name: typeof details.name === "string" ? details.name : (snapshot ?? "a deleted person"), exists: false }
          : null,
      };
    }),
    next: rows.length > PAGE && last ? encodeCursor(last.at, last.id) : null,
    actions: actions.map((a) => a.action),
  };
}
