import type { Metadata } from "next";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ReaderApp } from "@/components/reader/reader-app";
import { PdfReaderApp } from "@/components/reader/pdf/pdf-reader-app";
import type { Target } from "@/components/reader/types";
import { getReaderShell } from "@/lib/library/reader-shell";
import { getAssignedReading } from "@/lib/courses/assigned-reading";
import { openingChapter, rangeInBook, rangeLabels } from "@/lib/courses/assigned-range";
import { getChapterForReader, type ReaderChapter } from "@/lib/publications/content";
import { bookFileSize, locateBookFile } from "@/lib/publications/book-file";
import { etagFor } from "@/lib/http/byte-range";
import { currentViewer } from "@/lib/publications/viewer";
import { NoAccess } from "./_components/no-access";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ chapter?: string | string[]; page?: string | string[]; link?: string | string[] }> };

// Metadata and page ask for the same shell in one request: read it once.
const shellFor = cache((slug: string, userId: string | null, isAdmin: boolean, guestIntegrationId: string | null) =>
  getReaderShell({ viewer: { userId, isAdmin, guestIntegrationId }, slug }));

const chapterParam = z.coerce.number().int().min(0).max(100_000).optional().catch(undefined);
/** A PDF's page, counted from 1 as printed in the reader: ?page=12. */
const pageParam = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await currentViewer();
  const shell = await shellFor((await params).slug, viewer.userId, !!viewer.isAdmin, viewer.guestIntegrationId ?? null);
  return { title: shell ? shell.publication.title : "Not found", robots: { index: false } };
}

/**
 * The stable address of a book: /read/<slug>, or ?chapter=N#fragment for a place in it (a PDF:
 * ?page=N, counted from 1; ?chapter=N is page N + 1); ?link=<resource link> when a course assigned
 * (part of) it. A PDF opens in the PDF reader, an EPUB in the chapter reader.
 */
export default async function ReadPage({ params, searchParams }: Props) {
  const [{ slug }, query, viewer] = await Promise.all([params, searchParams, currentViewer()]);
  const shell = await shellFor(slug, viewer.userId, !!viewer.isAdmin, viewer.guestIntegrationId ?? null);
  if (!shell) notFound();
  if (!shell.access) return <NoAccess reason={shell.reason} institutions={shell.institutions} publication={shell.publication} />;

  const count = shell.chapters.length;
  const isPdf = shell.publication.format === "PDF";
  const askedPage = isPdf ? pageParam.parse(first(query.page)) : undefined;
  const asked = askedPage !== undefined ? askedPage - 1 : chapterParam.parse(first(query.chapter));
  const saved = shell.progress;
  // A course's link: ignored unless the person is a member of that course.
  const linkId = Array.isArray(query.link) ? query.link[0] : query.link;
  const assigned = viewer.userId && linkId ? await getAssignedReading({ userId: viewer.userId, linkId, slug: shell.publication.slug }) : null;
  const range = assigned ? rangeInBook(assigned, count) : null;
  const opening = range && (asked === undefined || asked >= count) ? openingChapter(range, saved) : null;
  const index = opening ? opening.index
    : asked !== undefined && asked < count ? asked : saved && saved.chapterIndex < count ? saved.chapterIndex : Math.min(shell.startChapter, count - 1);
  // A link to a chapter opens it at the top, unless it is the chapter the person was reading.
  const target: Target = opening?.atStart
    ? range!.startFragment ? { kind: "fragment", id: range!.startFragment } : { kind: "top" }
    : saved && saved.chapterIndex === index && saved.position > 0 ? { kind: "position", value: saved.position } : { kind: "top" };
  const assignment = assigned && linkId
    ? { linkId, title: assigned.title || shell.publication.title, range,
        ...(range ? (isPdf ? { from: `page ${range.start + 1}`, to: `page ${range.end + 1}` } : rangeLabels(range, shell.toc, shell.chapters)) : {}) }
    : null;
  const back = viewer.userId ? "/library" : `/publications/${shell.publication.slug}`;
  if (isPdf) {
    const file = await locateBookFile({ ...viewer, slug: shell.publication.slug });
    const fileInfo = { size: await bookFileSize(file), etag: etagFor(file.sha256) };
    return (
      <PdfReaderApp publication={shell.publication} toc={shell.toc} pageCount={count} file={fileInfo} initialIndex={Math.max(0, index)}
        initialPosition={target.kind === "position" ? target.value : 0} initialProgress={saved} signedIn={!!viewer.userId}
        personal={shell.personal} guest={shell.guest} assignment={assignment} backHref={back} />
    );
  }
  // The first chapter is rendered on the server, so text shows before any script runs.
  let initialChapter: ReaderChapter | null = null;
  if (count > 0) initialChapter = await getChapterForReader({ ...viewer, slug: shell.publication.slug, index });

  return (
    <ReaderApp publication={shell.publication} toc={shell.toc} chapters={shell.chapters} initialChapter={initialChapter}
      initialIndex={index} initialTarget={target} initialProgress={saved} pace={shell.pace} signedIn={!!viewer.userId} personal={shell.personal} guest={shell.guest}
      assignment={assignment} framed={(await headers()).get("sec-fetch-dest") === "iframe"}
      backHref={back} />
  );
}
