import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findPublication, requireReadablePublication } from "@/lib/publications/reader-access";
import {
  annotationIdSchema, annotationInputSchema, annotationUpdateSchema, userIdSchema,
  type AnnotationInput, type AnnotationUpdate,
} from "@/lib/reading/annotation-schemas";

// Every query here is scoped by userId: someone else's annotation id simply does not exist.

export type AnnotationView = {
  id: string;
  kind: "HIGHLIGHT" | "NOTE";
  chapterIndex: number | null;
  startOffset: number | null;
  endOffset: number | null;
  quote: string | null;
  color: string | null;
  note: string | null;
  /** Set when a new edition of the book did not contain this highlight's quote (lib/publications/replace-file.ts). */
  unplacedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const select = {
  id: true, kind: true, chapterIndex: true, startOffset: true, endOffset: true,
  quote: true, color: true, note: true, unplacedAt: true, createdAt: true, updatedAt: true,
} as const;

const notFound = () => new AppError("NOT_FOUND", "That highlight or note does not exist (or is not yours).");

/** Adds a highlight or a standalone note; only in a book the person may read. */
export async function createAnnotation(input: { userId: string; slug: string; annotation: AnnotationInput }): Promise<AnnotationView> {
  const userId = userIdSchema.parse(input.userId);
  const data = annotationInputSchema.parse(input.annotation);
  const publication = await requireReadablePublication({ userId }, input.slug);
  if (data.chapterIndex !== undefined && data.chapterIndex >= publication.chapterCount) {
    throw new AppError("BAD_INPUT", "That chapter is not in this publication.", { fields: { chapterIndex: "Out of range." } });
  }
  return prisma.annotation.create({
    data: data.kind === "HIGHLIGHT"
      ? { userId, publicationId: publication.id, kind: "HIGHLIGHT", chapterIndex: data.chapterIndex, startOffset: data.startOffset,
          endOffset: data.endOffset, quote: data.quote, color: data.color, note: data.note || null }
      : { userId, publicationId: publication.id, kind: "NOTE", chapterIndex: data.chapterIndex ?? null, note: data.note },
    select,
  });
}

/** The person's own highlights and notes in a book, in reading order. */
export async function listAnnotations(input: { userId: string; slug: string }): Promise<AnnotationView[]> {
  const userId = userIdSchema.parse(input.userId);
  const publication = await findPublication({ userId }, input.slug);
  return prisma.annotation.findMany({
    where: { userId, publicationId: publication.id },
    select,
    orderBy: [{ chapterIndex: { sort: "asc", nulls: "last" } }, { startOffset: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
  });
}

/** Changes a highlight's colour or note, or a standalone note's text. */
export async function updateAnnotation(input: { userId: string; id: string; changes: AnnotationUpdate }): Promise<AnnotationView> {
  const userId = userIdSchema.parse(input.userId);
  const id = annotationIdSchema.parse(input.id);
  const changes = annotationUpdateSchema.parse(input.changes);
  const existing = await prisma.annotation.findFirst({ where: { id, userId }, select: { kind: true } });
  if (!existing) throw notFound();
  if (existing.kind === "NOTE" && (changes.color !== undefined || !changes.note)) {
    throw new AppError("BAD_INPUT", "A standalone note has no colour and cannot be empty; delete it instead.", { fields: { note: "Write something." } });
  }
  const result = await prisma.annotation.updateMany({
    where: { id, userId },
    data: { ...(changes.color !== undefined ? { color: changes.color } : {}), ...(changes.note !== undefined ? { note: changes.note || null } : {}) },
  });
  if (result.count === 0) throw notFound();
  return prisma.annotation.findFirstOrThrow({ where: { id, userId }, select });
}

export async function deleteAnnotation(input: { userId: string; id: string }): Promise<void> {
  const userId = userIdSchema.parse(input.userId);
  const id = annotationIdSchema.parse(input.id);
  const result = await prisma.annotation.deleteMany({ where: { id, userId } });
  if (result.count === 0) throw notFound();
}
