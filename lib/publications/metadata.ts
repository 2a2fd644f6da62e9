import "server-only";
import { z } from "zod";
import { prisma, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseIsbn } from "@/lib/publications/isbn";
import { publicationDateOf } from "@/lib/publications/epub/catalog-metadata";
import { slugFromTitle } from "@/lib/publications/slug";

// Catalog metadata and shelves of a publication (docs/decisions/0029). Callers (control-panel
// actions) check that the person is an administrator.

type Tx = Prisma.TransactionClient;

const BISAC = /^[A-Z]{3}\d{6}$/;

export const subjectSchema = z.object({
  code: z.string().trim().toUpperCase().regex(BISAC, "A BISAC code is three letters and six digits, e.g. FIC004000."),
  label: z.string().trim().min(1, "Give each subject its label, e.g. FICTION / Classics.").max(200),
});

export const metadataSchema = z.object({
  id: z.string().min(1).max(64),
  isbn: z
    .string()
    .trim()
    .max(40)
    .transform((value, ctx) => {
      if (!value) return null;
      const result = parseIsbn(value);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return result.isbn;
    }),
  publisher: z.string().trim().max(200, "Use at most 200 characters.").transform((s) => s || null),
  language: z
    .string()
    .trim()
    .max(35)
    .regex(/^$|^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Write the language as a code such as en, fr or pt-BR.")
    .transform((s) => s || null),
  publicationDate: z
    .string()
    .trim()
    .regex(/^$|^\d{4}(-\d{2}(-\d{2})?)?$/, "Write the date as 1869, 1869-03 or 1869-03-01.")
    .refine((s) => !s || publicationDateOf(s) === s, "That date does not exist: check the month and day.")
    .transform((s) => s || null),
  subjects: z.array(subjectSchema).max(20, "Use at most 20 subjects."),
  collections: z.array(z.string().trim().min(1).max(120, "Keep collection names under 120 characters.")).max(20, "Use at most 20 collections."),
  keywords: z.array(z.string().trim().min(1).max(100, "Keep each keyword under 100 characters.")).max(30, "Use at most 30 keywords."),
});

export type MetadataInput = z.input<typeof metadataSchema>;

const dedupe = <T>(items: T[], key: (t: T) => string) => items.filter((item, i) => items.findIndex((o) => key(o) === key(item)) === i);

/** Adds subject headings not yet known (an existing label is kept) and links them to the publication. */
export async function linkSubjects(tx: Tx, publicationId: string, subjects: { code: string; label: string }[]) {
  for (const s of subjects) await tx.subject.upsert({ where: { code: s.code }, create: s, update: {}, select: { code: true } });
  if (subjects.length) await tx.publicationSubject.createMany({ data: subjects.map((s) => ({ publicationId, subjectCode: s.code })), skipDuplicates: true });
}

/** The collection of this name (found by its slug), created when new. */
async function collectionIdFor(tx: Tx, name: string): Promise<string> {
  const slug = slugFromTitle(name).slice(0, 80);
  if (!slug) throw new AppError("BAD_INPUT", `"${name}" cannot name a collection: use letters or digits.`, { fields: { collections: "Use letters or digits." } });
  const found = await tx.collection.upsert({ where: { slug }, create: { slug, name }, update: {}, select: { id: true } });
  return found.id;
}

/**
 * Replaces a publication's catalog metadata, subjects, collections and keywords in one
 * transaction. A collection named for the first time is created; plans that include it give
 * access to the publication from then on.
 */
export async function updateCatalogMetadata(input: MetadataInput) {
  const data = metadataSchema.parse(input);
  const subjects = dedupe(data.subjects, (s) => s.code);
  const keywords = dedupe(data.keywords, (k) => k.toLowerCase());
  return prisma.$transaction(async (tx) => {
    const updated = await tx.publication.updateMany({
      where: { id: data.id },
      data: { isbn: data.isbn, publisher: data.publisher, language: data.language, publicationDate: data.publicationDate, keywords },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "That publication no longer exists.");
    await tx.publicationSubject.deleteMany({ where: { publicationId: data.id, subjectCode: { notIn: subjects.map((s) => s.code) } } });
    // A label typed here is the heading's label everywhere.
    for (const s of subjects) await tx.subject.upsert({ where: { code: s.code }, create: s, update: { label: s.label }, select: { code: true } });
    if (subjects.length) await tx.publicationSubject.createMany({ data: subjects.map((s) => ({ publicationId: data.id, subjectCode: s.code })), skipDuplicates: true });
    const collectionIds = [...new Set(await Promise.all(dedupe(data.collections, (c) => slugFromTitle(c)).map((name) => collectionIdFor(tx, name))))];
    await tx.publicationCollection.deleteMany({ where: { publicationId: data.id, collectionId: { notIn: collectionIds } } });
    await tx.publicationCollection.createMany({ data: collectionIds.map((collectionId) => ({ collectionId, publicationId: data.id })), skipDuplicates: true });
    return { isbn: data.isbn, subjects: subjects.length, collections: collectionIds.length, keywords: keywords.length };
  });
}

export type EditableMetadata = {
  isbn: string | null; publisher: string | null; language: string | null; publicationDate: string | null;
  subjects: { code: string; label: string }[]; collections: string[]; keywords: string[];
};

/** What the metadata form shows for one publication, or null. */
export async function getEditableMetadata(id: string): Promise<EditableMetadata | null> {
  const p = await prisma.publication.findUnique({
    where: { id },
    select: {
      isbn: true, publisher: true, language: true, publicationDate: true, keywords: true,
      subjects: { select: { subject: { select: { code: true, label: true } } }, orderBy: { subjectCode: "asc" } },
      collections: { select: { collection: { select: { name: true } } }, orderBy: { collection: { name: "asc" } } },
    },
  });
  if (!p) return null;
  return { ...p, subjects: p.subjects.map((s) => s.subject), collections: p.collections.map((c) => c.collection.name) };
}

/** All collections, for the plan form. */
export function listCollections() {
  return prisma.collection.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, _count: { select: { publications: true } } } });
}
