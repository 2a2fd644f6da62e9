import "server-only";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { canRead } from "@/lib/access/can-read";
import { suspendedAccessFor } from "@/lib/access/suspended-access";
import { findPublication, type Viewer } from "@/lib/publications/reader-access";
import { activeGuestIntegration } from "@/lib/guest-access/current-guest";
import type { TocEntry } from "@/lib/publications/epub/toc";
import { getReadingPace } from "@/lib/reading/pace";
import { firstChapterWithText } from "@/lib/reading/start-chapter";
import type { Pace } from "@/lib/reading/time-left";

export type ShellChapter = { index: number; title: string; wordCount: number };

export type ReaderShell =
  | {
      access: true;
      publication: { slug: string; title: string; author: string; hasCover: boolean; format: "EPUB" | "PDF" };
      toc: TocEntry[];
      chapters: ShellChapter[];
      /** Progress, highlights and notes work: signed in, and the book is published (drafts are previews). */
      personal: boolean;
      /** Where the person left off (any device), or null. */
      progress: { chapterIndex: number; position: number; percent: number } | null;
      /**
       * Where a first reading starts: the book's bodymatter, moved on past divider pages to the
       * first chapter with text (lib/reading/start-chapter.ts).
       */
      startChapter: number;
      /** The person's reading pace for "time left" (the default pace for visitors and new readers). */
      pace: Pace;
      /**
       * Reading through a guest integration's shared access (not signed in, and the book is not
       * free to everyone anyway): nothing personal is kept; the heartbeat counts for the institution.
       */
      guest: { integrationName: string } | null;
    }
  | {
      access: false;
      /**
       * "sign-in": a visitor, the book is not free; "forbidden": signed in, not in their access;
       * "switched-off": their access to it came through an integration that is now disabled.
       */
      reason: "sign-in" | "forbidden" | "switched-off";
      /** For "switched-off": the integrations (institutions) whose access is switched off. */
      institutions?: string[];
      publication: { slug: string; title: string; author: string; hasCover: boolean; format: "EPUB" | "PDF" };
    };

/**
 * What the reader page needs before the first chapter: the book, its contents and the saved
 * position, or why this viewer may not read it. Null when there is no such (visible) publication.
 */
export async function getReaderShell(input: { viewer: Viewer; slug: string }): Promise<ReaderShell | null> {
  const { viewer } = input;
  let found;
  try {
    found = await findPublication(viewer, input.slug);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  }
  const publication = { slug: found.slug, title: found.title, author: found.author, hasCover: !!found.coverPath, format: found.format };
  const guestId = viewer.guestIntegrationId ?? null;
  const [allowed, guestIntegration] = await Promise.all([
    viewer.isAdmin || canRead(viewer.userId, found.id, guestId),
    !viewer.userId && guestId ? activeGuestIntegration(guestId) : null,
  ]);
  if (!allowed) {
    if (!viewer.userId) return { access: false, reason: guestIntegration ? "forbidden" : "sign-in", publication };
    const institutions = await suspendedAccessFor(viewer.userId, found.id);
    return institutions.length
      ? { access: false, reason: "switched-off", institutions, publication }
      : { access: false, reason: "forbidden", publication };
  }
  const [details, chapters, progress, pace] = await Promise.all([
    prisma.publication.findUniqueOrThrow({ where: { id: found.id }, select: { toc: true, startChapter: true } }),
    prisma.chapter.findMany({ where: { publicationId: found.id }, select: { index: true, title: true, wordCount: true }, orderBy: { index: "asc" } }),
    viewer.userId
      ? prisma.readingProgress.findUnique({
          where: { userId_publicationId: { userId: viewer.userId, publicationId: found.id } },
          select: { chapterIndex: true, position: true, percent: true },
        })
      : null,
    getReadingPace(found.published ? viewer.userId : null),
  ]);
  const toc = Array.isArray(details.toc) ? (details.toc as TocEntry[]) : [];
  return {
    access: true, publication, toc, chapters, progress, startChapter: firstChapterWithText(chapters, details.startChapter), pace, personal: !!viewer.userId && found.published,
    guest: guestIntegration && found.published ? { integrationName: guestIntegration.name } : null,
  };
}
