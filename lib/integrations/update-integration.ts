import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { IntegrationInput, IntegrationPatch } from "./schemas";
import { conflictFrom, integrationColumns, validateIntegration } from "./validate";

// People are recognised by issuer + client ID (1.3) or consumer key (1.1). Changing those once
// people came in would give every one of them a new, empty account on their next launch.
const IDENTITY_FIELDS = { issuer: "issuer", clientId: "client ID", consumerKey: "consumer key" } as const;

async function loadCurrent(id: string) {
  const current = await prisma.integration.findUnique({
    where: { id },
    include: { deployments: { select: { deploymentId: true }, orderBy: { id: "asc" } }, plan: { select: { slug: true } }, _count: { select: { identities: true } } },
  });
  if (!current) throw new AppError("NOT_FOUND", "That integration does not exist (it may have been deleted).");
  return current;
}

/**
 * Changes any subset of an integration's fields (undefined = keep, "" or null = clear;
 * `deploymentIds` replaces the list). The result is validated as a whole, like a create.
 * No session check: for trusted callers (see ./admin.ts).
 */
export async function updateIntegrationRecord(id: string, patch: IntegrationPatch): Promise<{ id: string }> {
  const current = await loadCurrent(id);
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    throw new AppError("BAD_INPUT", "The kind of an integration can't change. Create a new integration instead.", {
      fields: { kind: "The kind can't change after creation." },
    });
  }
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as IntegrationPatch;
  const merged: IntegrationInput = {
    name: current.name,
    accessKind: current.accessKind,
    plan: current.plan?.slug ?? null,
    issuer: current.issuer,
    clientId: current.clientId,
    deploymentIds: current.deployments.map((d) => d.deploymentId),
    authUrl: current.authUrl,
    tokenUrl: current.tokenUrl,
    jwksUrl: current.jwksUrl,
    consumerKey: current.consumerKey,
    referrerPrefixes: current.referrerPrefixes,
    ipRanges: current.ipRanges,
    ...given,
    kind: current.kind,
  };
  const { data, planId } = await validateIntegration(merged);

  if (current._count.identities > 0) {
    for (const [field, label] of Object.entries(IDENTITY_FIELDS) as [keyof typeof IDENTITY_FIELDS, string][]) {
      if ((data[field] ?? null) !== current[field]) {
        const n = current._count.identities;
        throw new AppError("CONFLICT", `${n} ${n === 1 ? "person" : "people"} came in with this ${label}; changing it would give them new, empty accounts. Create a new integration for the new registration instead.`, {
          fields: { [field]: `People already came in with this ${label}; it can't change.` },
        });
      }
    }
  }

  try {
    await prisma.$transaction(async (tx) => {
      await tx.integration.update({
        where: { id },
        data: integrationColumns(data, planId),
      });
      if (given.deploymentIds !== undefined) {
        await tx.ltiDeployment.deleteMany({ where: { integrationId: id } });
        await tx.ltiDeployment.createMany({ data: (data.deploymentIds ?? []).map((deploymentId) => ({ integrationId: id, deploymentId })) });
      }
    });
  } catch (error) {
    return conflictFrom(error, data, id);
  }
  return { id };
}
