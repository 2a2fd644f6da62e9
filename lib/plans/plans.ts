import "server-only";
import { z } from "zod";
import { prisma, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const planInputSchema = z.object({
  name: z.string().trim().min(1, "Give the plan a name.").max(120, "Use at most 120 characters."),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.")
    .max(60),
  /** "all" or a list of publication slugs. */
  publications: z.union([z.literal("all"), z.array(z.string().min(1))]),
  /** Collection slugs: their books, present and future, are in the plan too (ignored with "all"). */
  collections: z.array(z.string().min(1).max(80)).max(500).default([]),
});

export type PlanInput = z.input<typeof planInputSchema>;

async function resolvePublicationIds(slugs: string[]): Promise<string[]> {
  const found = await prisma.publication.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const missing = slugs.filter((s) => !found.some((p) => p.slug === s));
  if (missing.length) throw new AppError("BAD_INPUT", `No publication with slug ${missing.join(", ")}.`, { fields: { publications: `Unknown: ${missing.join(", ")}` } });
  return found.map((p) => p.id);
}

async function resolveCollectionIds(slugs: string[]): Promise<string[]> {
  const found = await prisma.collection.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const missing = slugs.filter((s) => !found.some((c) => c.slug === s));
  if (missing.length) throw new AppError("BAD_INPUT", `No collection with slug ${missing.join(", ")}.`, { fields: { collections: `Unknown: ${missing.join(", ")}` } });
  return found.map((c) => c.id);
}

export async function createPlan(input: PlanInput) {
  const data = planInputSchema.parse(input);
  const all = data.publications === "all";
  const ids = all ? [] : await resolvePublicationIds(data.publications as string[]);
  const collectionIds = all ? [] : await resolveCollectionIds(data.collections);
  try {
    return await prisma.plan.create({
      data: {
        name: data.name,
        slug: data.slug,
        allPublications: all,
        publications: { create: ids.map((publicationId) => ({ publicationId })) },
        collections: { create: collectionIds.map((collectionId) => ({ collectionId })) },
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A plan with slug "${data.slug}" already exists.`, { fields: { slug: "Already in use." } });
    throw error;
  }
}

export async function updatePlan(id: string, input: PlanInput) {
  const data = planInputSchema.parse(input);
  const all = data.publications === "all";
  const ids = all ? [] : await resolvePublicationIds(data.publications as string[]);
  const collectionIds = all ? [] : await resolveCollectionIds(data.collections);
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.planPublication.deleteMany({ where: { planId: id } });
      await tx.planCollection.deleteMany({ where: { planId: id } });
      return tx.plan.update({
        where: { id },
        data: {
          name: data.name, slug: data.slug, allPublications: all,
          publications: { create: ids.map((publicationId) => ({ publicationId })) },
          collections: { create: collectionIds.map((collectionId) => ({ collectionId })) },
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A plan with slug "${data.slug}" already exists.`, { fields: { slug: "Already in use." } });
    throw error;
  }
}

export type PlanSummary = { id: string; name: string; slug: string; allPublications: boolean; publications: string[]; collections: string[] };

export async function listPlans(): Promise<PlanSummary[]> {
  const plans = await prisma.plan.findMany({
    orderBy: { name: "asc" },
    include: { publications: { select: { publication: { select: { slug: true } } } }, collections: { select: { collection: { select: { slug: true } } } } },
  });
  return plans.map((p) => ({
    id: p.id,
    name: p.name,
    slug: p.slug,
    allPublications: p.allPublications,
    publications: p.publications.map((x) => x.publication.slug).sort(),
    collections: p.collections.map((x) => x.collection.slug).sort(),
  }));
}
