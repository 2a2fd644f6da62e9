import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { sql } from "@/lib/sql";
import { searchCatalog } from "@/lib/publications/catalog-search";
import { coverRefOf, type CoverRef } from "@/lib/publications/covers/sizes";

export const catalogQuerySchema = z.string().trim().max(200).optional().catch(undefined);

export type CatalogEntry = {
  slug: string;
  title: string;
  author: string;
  isFree: boolean;
  priceCents: number;
  hasCover: boolean;
  /** Thumbnails, once made (lib/publications/covers). */
  cover?: CoverRef | null;
};

/** The first page of published publications, optionally matching a search (lib/publications/catalog-search.ts). */
export async function listCatalog(query?: string): Promise<CatalogEntry[]> {
  return (await searchCatalog({ q: catalogQuerySchema.parse(query) })).books;
}

export type CatalogFacets = {
  collections: { slug: string; name: string; count: number }[];
  subjects: { code: string; label: string; count: number }[];
  languages: { code: string; count: number }[];
};

// The facets change only when publications do, and every /search page shows them: kept for
// FACETS_TTL_MS, and dropped at once by refreshCatalog() after a Control Panel change (another
// instance sees the change within FACETS_TTL_MS). On globalThis: the server and Next's bundle
// each load this module.
const FACETS_TTL_MS = 60_000;
const facetsCache = globalThis as unknown as { folioCatalogFacets?: { at: number; value: Promise<CatalogFacets> } };

export function forgetCatalogFacets(): void {
  facetsCache.folioCatalogFacets = undefined;
}

/** The shelves a visitor can filter by: those holding at least one published publication. */
export async function listCatalogFacets(): Promise<CatalogFacets> {
  const cached = facetsCache.folioCatalogFacets;
  if (cached && Date.now() - cached.at < FACETS_TTL_MS) return cached.value;
  const value = readCatalogFacets();
  facetsCache.folioCatalogFacets = { at: Date.now(), value };
  value.catch(() => forgetCatalogFacets());
  return value;
}

async function readCatalogFacets(): Promise<CatalogFacets> {
  const [collections, subjects, languages] = await Promise.all([
    sql<{ slug: string; name: string; count: number }>("catalog-facet-collections", `
      select c.slug, c.name, count(*)::int as count from "Collection" c
        join "PublicationCollection" pc on pc."collectionId" = c.id
        join "Publication" p on p.id = pc."publicationId" and p.published
       group by c.id order by lower(c.name)`, []),
    sql<{ code: string; label: string; count: number }>("catalog-facet-subjects", `
      select s.code, s.label, count(*)::int as count from "Subject" s
        join "PublicationSubject" ps on ps."subjectCode" = s.code
        join "Publication" p on p.id = ps."publicationId" and p.published
       group by s.code order by s.label`, []),
    sql<{ code: string; count: number }>("catalog-facet-languages", `
      select lower(split_part(p.language, '-', 1)) as code, count(*)::int as count from "Publication" p
       where p.published and p.language is not null and p.language <> ''
       group by 1 order by 2 desc, 1`, []),
  ]);
  return { collections, subjects, languages };
}

/** A published publication's page data, or null. */
export async function getPublicationPage(slug: string) {
  const publication = await prisma.publication.findFirst({
    where: { slug, published: true },
    select: {
      id: true, slug: true, title: true, author: true, description: true, language: true,
      isFree: true, priceCents: true, coverPath: true, coverHash: true, coverColor: true, toc: true, startChapter: true, format: true,
      isbn: true, publisher: true, publicationDate: true, keywords: true,
      subjects: { select: { subject: { select: { code: true, label: true } } }, orderBy: { subjectCode: "asc" } },
      collections: { select: { collection: { select: { slug: true, name: true } } }, orderBy: { collection: { name: "asc" } } },
      _count: { select: { chapters: true } },
    },
  });
  if (!publication) return null;
  const words = await prisma.chapter.aggregate({ where: { publicationId: publication.id }, _sum: { wordCount: true } });
  const { _count, coverPath, coverHash, coverColor, subjects, collections, ...rest } = publication;
  return {
    ...rest,
    hasCover: !!coverPath,
    cover: coverRefOf({ coverHash, coverColor }),
    subjects: subjects.map((s) => s.subject),
    collections: collections.map((c) => c.collection),
    chapterCount: _count.chapters,
    wordCount: words._sum.wordCount ?? 0,
  };
}

/** Where this person is in the book, or null if they have not opened it. */
export async function getReadingPlace(userId: string, publicationId: string): Promise<{ chapterIndex: number; percent: number } | null> {
  return prisma.readingProgress.findUnique({
    where: { userId_publicationId: { userId, publicationId } },
    select: { chapterIndex: true, percent: true },
  });
}

export function formatPrice(cents: number, isFree: boolean): string {
  if (isFree) return "Free";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}
