import "server-only";
import { prisma } from "@/lib/db";

/**
 * May this person read this publication? Free publications: anyone. Otherwise a grant of
 * full access, or a plan of theirs that includes the publication (or all publications).
 */
export async function canRead(userId: string | null, publicationId: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ ok: boolean }[]>`
    select exists (
      select 1 from "Publication" p where p.id = ${publicationId} and p."isFree"
      union all
      select 1 from "AccessGrant" g
        left join "Plan" pl on pl.id = g."planId"
        where g."userId" = ${userId}
          and (g.kind = 'FULL'
               or pl."allPublications"
               or exists (select 1 from "PlanPublication" pp where pp."planId" = g."planId" and pp."publicationId" = ${publicationId}))
    ) as ok`;
  return rows[0]?.ok ?? false;
}

/** The access a person has, for their account page. */
export async function describeAccess(userId: string) {
  const grants = await prisma.accessGrant.findMany({
    where: { userId },
    select: { kind: true, source: true, plan: { select: { name: true, slug: true } }, integration: { select: { name: true } } },
  });
  return grants.map((g) => ({
    kind: g.kind,
    source: g.source,
    plan: g.plan ? { name: g.plan.name, slug: g.plan.slug } : null,
    integration: g.integration?.name ?? null,
  }));
}
