import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findPublication, requireReadablePublication } from "@/lib/publications/reader-access";
import { userIdSchema } from "@/lib/reading/annotation-schemas";

export const progressSchema = z.object({
  chapterIndex: z.number().int().min(0),
  /** Fraction of the chapter scrolled, 0..1. */
  position: z.number().min(0).max(1),
  /** Fraction of the whole book, 0..1. */
  percent: z.number().min(0).max(1),
});
export type ProgressInput = z.input<typeof progressSchema>;
export type Progress = z.output<typeof progressSchema> & { updatedAt: Date };

/** Where the person is in the book, one row per person and book, so every device reopens there. */
export async function saveProgress(input: { userId: string; slug: string; progress: ProgressInput }): Promise<Progress> {
  const userId = userIdSchema.parse(input.userId);
  const data = progressSchema.parse(input.progress);
  const publication = await requireReadablePublication({ userId }, input.slug);
  if (data.chapterIndex >= publication.chapterCount) {
    throw new AppError("BAD_INPUT", "That chapter is not in this publication.", { fields: { chapterIndex: "Out of range." } });
  }
  return prisma.readingProgress.upsert({
    where: { userId_publicationId: { userId, publicationId: publication.id } },
    create: { userId, publicationId: publication.id, ...data },
    update: data,
    select: { chapterIndex: true, position: true, percent: true, updatedAt: true },
  });
}

/** The saved position, or null before the first save. */
export async function getProgress(input: { userId: string; slug: string }): Promise<Progress | null> {
  const userId = userIdSchema.parse(input.userId);
  const publication = await findPublication({ userId }, input.slug);
  return prisma.readingProgress.findUnique({
    where: { userId_publicationId: { userId, publicationId: publication.id } },
    select: { chapterIndex: true, position: true, percent: true, updatedAt: true },
  });
}
