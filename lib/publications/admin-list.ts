import "server-only";
import { prisma } from "@/lib/db";

/** Every publication, published or not, with what the control panel lists; newest first. */
export async function listPublicationsForAdmin() {
  const rows = await prisma.publication.findMany({
    select: {
      id: true, slug: true, title: true, author: true, isFree: true, priceCents: true, published: true,
      coverPath: true, fileSize: true, createdAt: true, format: true, _count: { select: { chapters: true, annotations: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(({ _count, coverPath, ...p }) => ({
    ...p,
    hasCover: !!coverPath,
    chapterCount: _count.chapters,
    annotationCount: _count.annotations,
  }));
}
