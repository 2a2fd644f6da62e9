import "server-only";
import { Prisma, prisma } from "@/lib/db";

/**
 * The one rule for which grants count (docs/decisions/0018), as SQL over "AccessGrant" g left
 * joined to its "Integration" i: a grant given through an integration lasts only while that
 * integration exists and is enabled. Disabling it suspends the grant (enabling it again brings
 * it back); deleting it leaves the row with integrationId null (onDelete: SetNull), which no
 * longer grants anything. Grants an administrator gave directly do not depend on an integration.
 * Used by canRead and the library list (lib/library/my-library.ts); keep them the same.
 */
export const ACTIVE_GRANT_SQL = `(g.source <> 'INTEGRATION' or i.enabled)`;

/**
 * Does the plan in column `planColumn` include the publication? It lists it, or the publication
 * is in one of the plan's collections (so a book added to a collection joins the plan by
 * itself: docs/decisions/0029). Used by canRead, suspendedAccessFor and (as planIncludesText)
 * the library list; the deep-link picker's scope says the same in Prisma's terms.
 */
export function planIncludesSql(planColumn: string, pub: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(exists (select 1 from "PlanPublication" pp where pp."planId" = ${Prisma.raw(planColumn)} and pp."publicationId" = ${pub})
    or exists (select 1 from "PlanCollection" pk join "PublicationCollection" pc on pc."collectionId" = pk."collectionId"
                where pk."planId" = ${Prisma.raw(planColumn)} and pc."publicationId" = ${pub}))`;
}

/** The same rule as text, for statements sent through lib/sql.ts; `publication` is SQL (a column or a $n). */
export function planIncludesText(planColumn: string, publication: string): string {
  return `(exists (select 1 from "PlanPublication" pp where pp."planId" = ${planColumn} and pp."publicationId" = ${publication})
    or exists (select 1 from "PlanCollection" pk join "PublicationCollection" pc on pc."collectionId" = pk."collectionId"
                where pk."planId" = ${planColumn} and pc."publicationId" = ${publication}))`;
}

/** The integration kinds that give anonymous, shared access through a guest cookie (docs/decisions/0025). */
export const GUEST_KINDS = ["REFERRER", "IP_RANGE", "SIGNED_LINK"] as const;
export type GuestKind = (typeof GUEST_KINDS)[number];

/**
 * May this person read this publication? Free publications: anyone. Otherwise an active grant
 * (see ACTIVE_GRANT_SQL) of full access, or of a plan that includes the publication (or all),
 * directly or through one of its collections.
 * `guestIntegrationId` (from a verified guest cookie, lib/guest-access) adds what that guest
 * integration gives, as it stands now: enabled, still a guest kind, its access kind and plan.
 */
export async function canRead(userId: string | null, publicationId: string, guestIntegrationId: string | null = null): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ ok: boolean }[]>`
    select exists (
      select 1 from "Publication" p where p.id = ${publicationId} and p."isFree"
      union all
      select 1 from "Integration" gi
        left join "Plan" gp on gp.id = gi."planId"
        where gi.id = ${guestIntegrationId}
          and gi.enabled
          and gi.kind::text in ('REFERRER', 'IP_RANGE', 'SIGNED_LINK')
          and (gi."accessKind" = 'FULL'
               or gp."allPublications"
               or ${planIncludesSql(`gi."planId"`, Prisma.sql`${publicationId}`)})
      union all
      select 1 from "AccessGrant" g
        left join "Plan" pl on pl.id = g."planId"
        left join "Integration" i on i.id = g."integrationId"
        where g."userId" = ${userId}
          and ${Prisma.raw(ACTIVE_GRANT_SQL)}
          and (g.kind = 'FULL'
               or pl."allPublications"
               or ${planIncludesSql(`g."planId"`, Prisma.sql`${publicationId}`)})
    ) as ok`;
  return rows[0]?.ok ?? false;
}

/** The access a person has now, for their account page (suspended grants are left out, as in canRead). */
export async function describeAccess(userId: string) {
  const grants = await prisma.accessGrant.findMany({
    where: { userId, OR: [{ source: { not: "INTEGRATION" } }, { integration: { enabled: true } }] },
    select: { kind: true, source: true, plan: { select: { name: true, slug: true } }, integration: { select: { name: true } } },
  });
  return grants.map((g) => ({
    kind: g.kind,
    source: g.source,
    plan: g.plan ? { name: g.plan.name, slug: g.plan.slug } : null,
    integration: g.integration?.name ?? null,
  }));
}
