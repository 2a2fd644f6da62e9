import "server-only";
import { Prisma, prisma } from "@/lib/db";
import { planIncludesSql } from "@/lib/access/can-read";

/**
 * The integrations (by name) whose grant would let this person read this publication but is
 * suspended because the integration is disabled (see ACTIVE_GRANT_SQL in ./can-read.ts): what a
 * refused reader is told, instead of "not in your plan". Empty when nothing was switched off.
 */
export async function suspendedAccessFor(userId: string, publicationId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    select distinct i.name from "AccessGrant" g
      join "Integration" i on i.id = g."integrationId"
      left join "Plan" pl on pl.id = g."planId"
     where g."userId" = ${userId} and g.source = 'INTEGRATION' and not i.enabled
       and (g.kind = 'FULL' or pl."allPublications"
            or ${planIncludesSql(`g."planId"`, Prisma.sql`${publicationId}`)})
     order by i.name`;
  return rows.map((r) => r.name);
}
