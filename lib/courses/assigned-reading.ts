import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";

export type AssignedReading = {
  title: string | null;
  /** Spine indexes, inclusive; both null for the whole book. */
  startChapter: number | null;
  /** The book's own element id where the range starts (the reader looks it up under bk-). */
  startFragment: string | null;
  endChapter: number | null;
};

const linkIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The reading a course link assigns in this book, for a person who is a member of that course;
 * null otherwise (no such link, another book, a link without a course, not a member), so an
 * address shared outside the course shows the book and nothing of the course.
 */
export async function getAssignedReading(input: { userId: string; linkId: unknown; slug: string }): Promise<AssignedReading | null> {
  const linkId = linkIdSchema.safeParse(input.linkId);
  if (!linkId.success) return null;
  return prisma.resourceLink.findFirst({
    where: { id: linkId.data, publication: { slug: input.slug }, course: { members: { some: { userId: input.userId } } } },
    select: { title: true, startChapter: true, startFragment: true, endChapter: true },
  });
}
