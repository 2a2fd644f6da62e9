import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

const notFound = () => new AppError("NOT_FOUND", "That integration does not exist (it may have been deleted).");

/**
 * Turns launches through an integration on or off. A disabled integration refuses new launches;
 * people already in keep their accounts and access. No session check: trusted callers only.
 */
export async function setIntegrationEnabledRecord(id: string, enabled: boolean): Promise<{ id: string; enabled: boolean }> {
  const { count } = await prisma.integration.updateMany({ where: { id }, data: { enabled } });
  if (count === 0) throw notFound();
  return { id, enabled };
}

export type DeletedIntegration = {
  id: string;
  name: string;
  /** People who came in through it: their accounts, grants, highlights and notes stay. */
  peopleKept: number;
  grantsKept: number;
};

/**
 * Deletes an integration and its registration, deployment IDs and launch log. People are not
 * touched: LtiIdentity.integrationId and AccessGrant.integrationId are set to null by the
 * database (onDelete: SetNull), so accounts, access grants, highlights, notes and reading
 * statistics stay. A new integration with the same issuer + client ID (or consumer key)
 * recognises them again on their next launch. No session check: trusted callers only.
 */
export async function deleteIntegrationRecord(id: string): Promise<DeletedIntegration> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.integration.findUnique({
      where: { id },
      select: { id: true, name: true, _count: { select: { identities: true, grants: true } } },
    });
    if (!row) throw notFound();
    await tx.integration.delete({ where: { id } });
    return { id: row.id, name: row.name, peopleKept: row._count.identities, grantsKept: row._count.grants };
  });
}

