import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";

// Callers (control-panel actions) check that the person is an administrator.

const idSchema = z.string().min(1).max(64);

export const publicationUpdateSchema = z.object({
  id: idSchema,
  title: z.string().trim().min(1, "Give the publication a title.").max(300).optional(),
  author: z.string().trim().min(1, "Name the author.").max(300).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  isFree: z.boolean().optional(),
  priceCents: z.number().int("Give the price in cents.").min(0, "The price cannot be negative.").max(10_000_000).optional(),
  published: z.boolean().optional(),
});

export type PublicationUpdate = z.input<typeof publicationUpdateSchema>;

const notFound = () => new AppError("NOT_FOUND", "That publication no longer exists.");

/** Edits what the administrator may change. The slug stays: chapter links and bookmarks use it. */
export async function updatePublication(input: PublicationUpdate) {
  const { id, ...data } = publicationUpdateSchema.parse(input);
  const result = await prisma.publication.updateMany({ where: { id }, data });
  if (result.count === 0) throw notFound();
  return prisma.publication.findUniqueOrThrow({
    where: { id },
    select: { id: true, slug: true, title: true, author: true, description: true, isFree: true, priceCents: true, published: true },
  });
}

export function unpublishPublication(id: string) {
  return updatePublication({ id, published: false });
}

export type DeletionImpact = { title: string; highlights: number; notes: number; readers: number };

/** What deleting would take with it: people's highlights, notes, and how many people read it. */
export async function describeDeletion(id: string): Promise<DeletionImpact> {
  const publication = await prisma.publication.findUnique({ where: { id: idSchema.parse(id) }, select: { title: true } });
  if (!publication) throw notFound();
  const [kinds, readers] = await Promise.all([
    prisma.annotation.groupBy({ by: ["kind"], where: { publicationId: id }, _count: { _all: true } }),
    prisma.$queryRaw<{ n: number }[]>`
      select count(distinct "userId")::int as n from (
        select "userId" from "Annotation" where "publicationId" = ${id}
        union select "userId" from "ReadingProgress" where "publicationId" = ${id}
        union select "userId" from "ReadingSession" where "publicationId" = ${id}
      ) people`,
  ]);
  const count = (kind: "HIGHLIGHT" | "NOTE") => kinds.find((k) => k.kind === kind)?._count._all ?? 0;
  return { title: publication.title, highlights: count("HIGHLIGHT"), notes: count("NOTE"), readers: readers[0]?.n ?? 0 };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Deletes a publication with its chapters, assets, and everyone's progress, statistics,
 * highlights and notes in it. When people have highlights or notes, refuses unless `confirm`.
 */
export async function deletePublication(input: { id: string; confirm?: boolean }): Promise<DeletionImpact> {
  const { id, confirm } = z.object({ id: idSchema, confirm: z.boolean().default(false) }).parse(input);
  const impact = await describeDeletion(id);
  if (!confirm && impact.highlights + impact.notes > 0) {
    throw new AppError(
      "CONFLICT",
      `Deleting “${impact.title}” would also delete ${plural(impact.highlights, "highlight", "highlights")} and ${plural(impact.notes, "note", "notes")} ` +
        `belonging to ${plural(impact.readers, "reader", "readers")}. Confirm to delete them too.`,
      { fields: { confirm: "Confirmation required." } },
    );
  }
  // The file row is locked while the publication goes, so moving files to storage
  // (storage:migrate) cannot give it a key this deletion would miss.
  const keys = await prisma.$transaction(async (tx) => {
    const files = await tx.$queryRaw<{ storageKey: string | null }[]>`
      select "storageKey" from "PublicationFile" where "publicationId" = ${id} for update`;
    const deleted = await tx.publication.deleteMany({ where: { id } });
    return deleted.count === 0 ? null : files.flatMap((f) => (f.storageKey ? [f.storageKey] : []));
  });
  if (keys === null) throw notFound();
  // After the row is gone, so no reader is sent to a missing file; a store that fails only
  // leaves an object nothing points at.
  for (const key of keys) {
    await getStorage().delete(key).catch((error: Error) => console.warn(`Storage: could not delete ${key} of a deleted publication (${error.message})`));
  }
  return impact;
}
