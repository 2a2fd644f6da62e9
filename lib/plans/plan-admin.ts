import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import type { PlanSummary } from "@/lib/plans/plans";

// For the control panel; callers check requireAdmin()/requirePageAdmin().

/** One plan with the slugs of its publications, or null. */
export async function getPlanForAdmin(id: string): Promise<PlanSummary | null> {
  const parsed = z.string().min(1).max(64).safeParse(id);
  if (!parsed.success) return null;
  const plan = await prisma.plan.findUnique({
    where: { id: parsed.data },
    select: { id: true, name: true, slug: true, allPublications: true, publications: { select: { publication: { select: { slug: true } } } },
      collections: { select: { collection: { select: { slug: true } } } } },
  });
  if (!plan) return null;
  const { publications, collections, ...rest } = plan;
  return { ...rest, publications: publications.map((p) => p.publication.slug).sort(), collections: collections.map((c) => c.collection.slug).sort() };
}

/** How many people hold each plan, and how many integrations hand it out, by plan id. */
export async function countPlanHolders(): Promise<Map<string, { people: number; integrations: number }>> {
  const plans = await prisma.plan.findMany({ select: { id: true, _count: { select: { grants: true, integrations: true } } } });
  return new Map(plans.map((p) => [p.id, { people: p._count.grants, integrations: p._count.integrations }]));
}
