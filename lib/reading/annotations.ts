import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findPublication, requireReadablePublication } from "@/lib/publications/reader-access";
import {
  annotationIdSchema, annotationInputSchema, annotationUpdateSchema, userIdSchema,
  type AnnotationInput, type AnnotationUpdate,
} from "@/lib/reading/annotation-schemas";
import { mergeNotes, overlapping, unionSpan } from "@/lib/reading/highlight-merge";

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

/** Longest text a merged highlight may cover (a chain of merges cannot grow without end). */
const MAX_MERGED_QUOTE = 20_000;
const MAX_NOTE = 10_000;

/**
 * Adds a highlight or a standalone note; only in a book the person may read. A highlight that
 * overlaps the person's own highlights in the chapter merges with them (docs/decisions/0031):
 * the oldest keeps its id and takes the union of the passages, the new colour and every note;
 * the others are deleted and named in `replaced`.
 */
export async function saveAnnotation(input: { userId: string; slug: string; annotation: AnnotationInput }): Promise<{ annotation: AnnotationView; replaced: string[] }> {
  const userId = userIdSchema.parse(input.userId);
  const data = annotationInputSchema.parse(input.annotation);
  const publication = await requireReadablePublication({ userId }, input.slug);
  if (data.chapterIndex !== undefined && data.chapterIndex >= publication.chapterCount) {
    throw new AppError("BAD_INPUT", "That chapter is not in this publication.", { fields: { chapterIndex: "Out of range." } });
  }
  if (data.kind === "NOTE") {
    const annotation = await prisma.annotation.create({
      data: { userId, publicationId: publication.id, kind: "NOTE", chapterIndex: data.chapterIndex ?? null, note: data.note },
      select,
    });
    return { annotation, replaced: [] };
  }
  const fresh = { userId, publicationId: publication.id, kind: "HIGHLIGHT" as const, chapterIndex: data.chapterIndex, startOffset: data.startOffset,
    endOffset: data.endOffset, quote: data.quote, color: data.color, note: data.note || null };
  return prisma.$transaction(async (tx) => {
    // One writer per person and book at a time, so two overlapping highlights saved at once merge too.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`highlights:${userId}:${publication.id}`}))`;
    const candidates = await tx.annotation.findMany({
      where: { userId, publicationId: publication.id, kind: "HIGHLIGHT", chapterIndex: data.chapterIndex,
        startOffset: { lt: data.endOffset + MAX_MERGED_QUOTE }, endOffset: { gt: data.startOffset - MAX_MERGED_QUOTE } },
      select, orderBy: { createdAt: "asc" },
    });
    const spans = candidates.filter((c): c is typeof c & { startOffset: number; endOffset: number; quote: string } =>
      c.startOffset !== null && c.endOffset !== null && c.quote !== null);
    const absorbed = overlapping({ startOffset: data.startOffset, endOffset: data.endOffset, quote: data.quote }, spans);
    if (!absorbed.length) return { annotation: await tx.annotation.create({ data: fresh, select }), replaced: [] };
    // A saved quote that no longer matches its offsets cannot be stitched: keep the highlights apart.
    const union = unionSpan([...absorbed, { startOffset: data.startOffset, endOffset: data.endOffset, quote: data.quote }]);
    if (!union) return { annotation: await tx.annotation.create({ data: fresh, select }), replaced: [] };
    if (union.quote.length > MAX_MERGED_QUOTE) {
      throw new AppError("BAD_INPUT", "Together with the highlights it overlaps, this passage is too long to highlight. Select less.", { fields: { quote: "Too long when merged." } });
    }
    const note = mergeNotes([...absorbed.map((a) => a.note), fresh.note]);
    if (note && note.length > MAX_NOTE) {
      throw new AppError("BAD_INPUT", "The notes of the overlapping highlights are too long together to merge. Shorten one, or highlight a different passage.", { fields: { note: "Too long when merged." } });
    }
    const [keep, ...rest] = absorbed;
    if (rest.length) await tx.annotation.deleteMany({ where: { userId, id: { in: rest.map((r) => r.id) } } });
    const annotation = await tx.annotation.update({
      where: { id: keep!.id },
      data: { startOffset: union.startOffset, endOffset: union.endOffset, quote: union.quote, color: fresh.color, note },
      select,
    });
    return { annotation, replaced: rest.map((r) => r.id) };
  });
}

/** Adds a highlight or a note (merging overlapping highlights, see saveAnnotation). */
export async function createAnnotation(input: { userId: string; slug: string; annotation: AnnotationInput }): Promise<AnnotationView> {
  return (await saveAnnotation(input)).annotation;
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
