import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { coverRefOf, type CoverRef } from "@/lib/publications/covers/sizes";
import type { TocEntry } from "@/lib/publications/epub/toc";

// For the control panel; callers check requireAdmin()/requirePageAdmin().

/** People who opened each publication (progress, a sitting or an annotation), by publication id. */
export async function countReadersByPublication(): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ publicationId: string; readers: number }[]>`
    select "publicationId", count(distinct "userId")::int as readers from (
      select "userId", "publicationId" from "ReadingProgress"
      union select "userId", "publicationId" from "ReadingSession"
      union select "userId", "publicationId" from "Annotation"
    ) people group by "publicationId"`;
  return new Map(rows.map((r) => [r.publicationId, r.readers]));
}

export type AdminPublication = {
  id: string; slug: string; title: string; author: string; description: string | null; language: string | null;
  isFree: boolean; priceCents: number; published: boolean; hasCover: boolean; cover: CoverRef | null; fileSize: number; createdAt: Date;
  format: "EPUB" | "PDF"; pageCount: number | null; toc: TocEntry[];
  chapters: { index: number; title: string; wordCount: number }[];
  readers: number;
};

/** One publication with its chapter list (read from the EPUB at ingestion), or null. */
export async function getPublicationForAdmin(id: string): Promise<AdminPublication | null> {
  const parsed = z.string().min(1).max(64).safeParse(id);
  if (!parsed.success) return null;
  const p = await prisma.publication.findUnique({
    where: { id: parsed.data },
    select: {
      id: true, slug: true, title: true, author: true, description: true, language: true, isFree: true, priceCents: true,
      published: true, coverPath: true, coverHash: true, coverColor: true, fileSize: true, createdAt: true, format: true, pageCount: true, toc: true,
      chapters: { select: { index: true, title: true, wordCount: true }, orderBy: { index: "asc" } },
    },
  });
  if (!p) return null;
  const [readers] = await prisma.$queryRaw<{ n: number }[]>`
    select count(distinct "userId")::int as n from (
      select "userId" from "ReadingProgress" where "publicationId" = ${p.id}
      union select "userId" from "ReadingSession" where "publicationId" = ${p.id}
      union select "userId" from "Annotation" where "publicationId" = ${p.id}
    ) people`;
  const { coverPath, coverHash, coverColor, toc, ...rest } = p;
  return { ...rest, toc: Array.isArray(toc) ? (toc as TocEntry[]) : [], hasCover: !!coverPath, cover: coverRefOf({ coverHash, coverColor }), readers: readers?.n ?? 0 };
}
