import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canRead } from "@/lib/access/can-read";
import { slugSchema } from "@/lib/publications/slug";

/**
 * Who is asking: a signed-in person (or null for a visitor); administrators see unpublished books
 * too. `guestIntegrationId`: the guest integration whose (verified) cookie the browser holds.
 */
export type Viewer = { userId: string | null; isAdmin?: boolean; guestIntegrationId?: string | null };

export const viewerSchema = z.object({
  userId: z.string().min(1).max(64).nullable(),
  isAdmin: z.boolean().optional(),
  guestIntegrationId: z.string().min(1).max(64).nullable().optional(),
});

export type ReadablePublication = { id: string; slug: string; title: string; author: string; chapterCount: number; version: string };

export const publicationNotFound = () => new AppError("NOT_FOUND", "There is no such publication.");

function noAccess(viewer: Viewer) {
  if (viewer.userId) {
    return new AppError("FORBIDDEN", "Your access does not include this publication. Ask your institution, or choose a plan that includes it.");
  }
  if (viewer.guestIntegrationId) {
    return new AppError("FORBIDDEN", "Your institution's shared access does not include this publication (or has ended). Open Folio from your course, or sign in.");
  }
  return new AppError("UNAUTHENTICATED", "Sign in to read this publication.");
}

/** The publication, looked up by slug; unpublished ones exist only for administrators. */
export async function findPublication(viewer: Viewer, slug: string) {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw publicationNotFound();
  const publication = await prisma.publication.findUnique({
    where: { slug: parsed.data },
    select: { id: true, slug: true, title: true, author: true, format: true, published: true, updatedAt: true, coverPath: true, _count: { select: { chapters: true } } },
  });
  if (!publication || (!publication.published && !viewer.isAdmin)) throw publicationNotFound();
  return publication;
}

/** Throws unless the viewer may read the book; `canRead` is asked on every content request. */
export async function assertCanRead(viewer: Viewer, publicationId: string): Promise<void> {
  if (viewer.isAdmin) return;
  if (!(await canRead(viewer.userId, publicationId, viewer.guestIntegrationId ?? null))) throw noAccess(viewer);
}

/** Lookup and access check together, for the reading back end (annotations, progress, heartbeats). */
export async function requireReadablePublication(viewer: Viewer, slug: string): Promise<ReadablePublication> {
  const publication = await findPublication(viewer, slug);
  await assertCanRead(viewer, publication.id);
  return {
    id: publication.id,
    slug: publication.slug,
    title: publication.title,
    author: publication.author,
    chapterCount: publication._count.chapters,
    version: publication.updatedAt.getTime().toString(36),
  };
}
