import "server-only";
import { prisma, type Prisma } from "@/lib/db";

type Client = Prisma.TransactionClient | typeof prisma;

export type AuditInput = {
  /** Who did it (null: the system). */
  actorUserId: string | null;
  /** "<area>.<verb>", e.g. "user.disable", "access.grant". */
  action: string;
  /** The person it was done to, if any. */
  targetUserId?: string | null;
  /** Whatever is needed to read the entry later, when the rows it names may be gone. */
  details?: Prisma.InputJsonObject;
};

/**
 * Writes one audit entry. Pass the transaction client when the change it records is made in a
 * transaction, so that the change and its record commit (or fail) together.
 */
export async function recordAudit(input: AuditInput, client: Client = prisma): Promise<void> {
  await client.auditEvent.create({
    data: { actorUserId: input.actorUserId, action: input.action, targetUserId: input.targetUserId ?? null, details: input.details ?? {} },
  });
}
