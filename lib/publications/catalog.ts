import "server-only";
import { z } from "zod";
import { prisma, type Prisma } from "@/lib/db";
import { escapeLike } from "@/lib/publications/like-pattern";
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

/** Published publications, optionally filtered by words in the title or author. */
export async function listCatalog(query?: string): Promise<CatalogEntry[]> {
  const q = catalogQuerySchema.parse(query);
  const where: Prisma.PublicationWhereInput = { published: true };
  if (q) {
    where.AND = q.split(/\s+/).map((word) => ({
      OR: [{ title: { contains: escapeLike(word), mode: "insensitive" } }, { author: { contains: escapeLike(word), mode: "insensitive" } }],
    }));
  }
  const rows = await prisma.publication.findMany({
    where,
    orderBy: { title: "asc" },
    select: { slug: true, title: true, author: true, isFree: true, priceCents: true, coverPath: true, coverHash: true, coverColor: true },
  });
  return rows.map(({ coverPath, coverHash, coverColor, ...r }) => ({ ...r, hasCover: !!coverPath, cover: coverRefOf({ coverHash, coverColor }) }));
}

/** A published publication's page data, or null. */
export async function getPublicationPage(slug: string) {
  const publication = await prisma.publication.findFirst({
    where: { slug, published: true },
    select: {
      id: true, slug: true, title: true, author: true, description: true, language: true,
      isFree: true, priceCents: true, coverPath: true, coverHash: true, coverColor: true, toc: true,
      _count: { select: { chapters: true } },
    },
  });
  if (!publication) return null;
  const words = await prisma.chapter.aggregate({ where: { publicationId: publication.id }, _sum: { wordCount: true } });
  const { _count, coverPath, coverHash, coverColor, ...rest } = publication;
  return { ...rest, hasCover: !!coverPath, cover: coverRefOf({ coverHash, coverColor }), chapterCount: _count.chapters, wordCount: words._sum.wordCount ?? 0 };
}

export function formatPrice(cents: number, isFree: boolean): string {
  if (isFree) return "Free";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}
