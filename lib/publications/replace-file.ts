import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { prisma, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send";
import { deleteThumbnails, tryGenerateBookCover } from "@/lib/publications/covers/store";
import { extractEpub, openEpub } from "@/lib/publications/epub/parse-epub";
import type { EpubLimits } from "@/lib/publications/epub/limits";
import { Reanchorer, turnTaker } from "@/lib/publications/replace/reanchor";
import { chapterTextContent } from "@/lib/publications/replace/text";
import { getStorage, publicationFileKey } from "@/lib/storage";

// A new edition of a book's file (docs/decisions/0030). Chapters and assets are replaced; what
// people made in the book stays: highlights are re-anchored by their quotes, standalone notes and
// reading positions follow their chapter. Everything in one transaction with the new chapters, so
// a failure leaves the old edition whole.

export type ReplaceFileResult = {
  chapterCount: number;
  highlights: { placed: number; unplaced: number };
  /** People with highlights that could not be placed, and how many each. */
  owners: { userId: string; unplaced: number }[];
  progressMoved: number;
};

const bytesView = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
/** Assets the Control Panel added (an uploaded cover) survive a new edition; the book's own do not. */
const FOLIO_ASSET = "folio-cover/";

export async function replacePublicationFile(
  input: { publicationId: string; path: string; actorUserId: string | null },
  options: { limits?: EpubLimits; notify?: boolean } = {},
): Promise<ReplaceFileResult> {
  const publication = await prisma.publication.findUnique({
    where: { id: input.publicationId },
    select: { id: true, slug: true, title: true, coverPath: true, coverHash: true, format: true, file: { select: { sha256: true, storageKey: true } } },
  });
  if (!publication) throw new AppError("NOT_FOUND", "That publication does not exist.");
  if (publication.format !== "EPUB") throw new AppError("BAD_INPUT", "Only an EPUB book's file can be replaced with a new EPUB edition.");
  const data = await readFile(input.path);
  const sha256 = createHash("sha256").update(data).digest("hex");
  if (publication.file?.sha256 === sha256) {
    throw new AppError("CONFLICT", "That is the file the book already has.", { fields: { file: "Same file as now." } });
  }
  const opened = await openEpub(data, options.limits);
  const parsed = await extractEpub(opened, { slug: publication.slug, version: sha256.slice(0, 12) });
  if (!parsed.chapters.length) throw new AppError("BAD_INPUT", "The new file has no chapters.");

  const [oldChapters, annotations, progress, readings] = await Promise.all([
    prisma.chapter.findMany({ where: { publicationId: publication.id }, select: { index: true, href: true, title: true, html: true, wordCount: true }, orderBy: { index: "asc" } }),
    prisma.annotation.findMany({ where: { publicationId: publication.id }, select: { id: true, userId: true, kind: true, chapterIndex: true, startOffset: true, endOffset: true, quote: true } }),
    prisma.readingProgress.findMany({ where: { publicationId: publication.id }, select: { userId: true, chapterIndex: true, position: true } }),
    prisma.chapterReading.findMany({ where: { publicationId: publication.id } }),
  ]);
  const anchorer = new Reanchorer(
    oldChapters.map((c) => ({ index: c.index, href: c.href, title: c.title, text: chapterTextContent(c.html) })),
    parsed.chapters.map((c) => ({ index: c.index, href: c.href, title: c.title, text: chapterTextContent(c.html) })),
  );
  const mapChapter = (index: number | null) => (index === null ? null : (anchorer.chapterMap.get(index) ?? Math.min(index, parsed.chapters.length - 1)));

  // Highlights: placed anew, or unplaced (kept with their quote and note, listed, not painted).
  const now = new Date();
  const updates: { id: string; data: Prisma.AnnotationUpdateInput }[] = [];
  const unplacedBy = new Map<string, number>();
  let placed = 0;
  const takeTurn = turnTaker();
  for (const a of annotations) {
    await takeTurn();
    if (a.kind === "NOTE") {
      if (a.chapterIndex !== null) updates.push({ id: a.id, data: { chapterIndex: mapChapter(a.chapterIndex) } });
      continue;
    }
    const at = a.quote && a.chapterIndex !== null
      ? anchorer.place({ chapterIndex: a.chapterIndex, start: a.startOffset ?? 0, end: a.endOffset ?? 0, quote: a.quote })
      : a.quote ? anchorer.place({ chapterIndex: 0, start: 0, end: 0, quote: a.quote }) : null;
    if (at) {
      placed++;
      updates.push({ id: a.id, data: { chapterIndex: at.chapterIndex, startOffset: at.start, endOffset: at.end, quote: at.quote, unplacedAt: null } });
    } else {
      unplacedBy.set(a.userId, (unplacedBy.get(a.userId) ?? 0) + 1);
      updates.push({ id: a.id, data: { chapterIndex: null, startOffset: null, endOffset: null, unplacedAt: now } });
    }
  }

  // Reading position: the same place in the chapter it maps to; the share of the book from the new word counts.
  const words = parsed.chapters.map((c) => c.wordCount);
  const total = Math.max(1, words.reduce((s, w) => s + w, 0));
  const before = words.map((_, i) => words.slice(0, i).reduce((s, w) => s + w, 0));
  const newProgress = progress.map((p) => {
    const chapterIndex = mapChapter(p.chapterIndex)!;
    return { userId: p.userId, chapterIndex, position: p.position, percent: Math.min(1, (before[chapterIndex]! + p.position * words[chapterIndex]!) / total) };
  });
  // What counts as read, per chapter: merged where two old chapters became one.
  const mergedReadings = new Map<string, (typeof readings)[number]>();
  for (const r of readings) {
    const chapterIndex = mapChapter(r.chapterIndex)!;
    const key = `${r.userId}:${chapterIndex}`;
    const seen = mergedReadings.get(key);
    mergedReadings.set(key, seen
      ? { ...seen, activeSeconds: seen.activeSeconds + r.activeSeconds, furthest: Math.max(seen.furthest, r.furthest),
          readAt: seen.readAt && r.readAt ? (seen.readAt < r.readAt ? seen.readAt : r.readAt) : (seen.readAt ?? r.readAt) }
      : { ...r, chapterIndex });
  }

  // The new file goes to storage before the transaction (content-addressed: it shadows nothing).
  const storageKey = publicationFileKey(publication.id, sha256, "epub");
  await getStorage().putFile(storageKey, input.path, "application/epub+zip");
  const keepCover = publication.coverPath?.startsWith(FOLIO_ASSET) ? publication.coverPath : null;
  const unplaced = [...unplacedBy.values()].reduce((s, n) => s + n, 0);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.chapter.deleteMany({ where: { publicationId: publication.id } });
      await tx.publicationAsset.deleteMany({ where: { publicationId: publication.id, NOT: { path: { startsWith: FOLIO_ASSET } } } });
      for (let i = 0; i < parsed.chapters.length; i += 200) {
        await tx.chapter.createMany({ data: parsed.chapters.slice(i, i + 200).map((c) => ({ ...c, publicationId: publication.id })) });
      }
      await tx.publicationAsset.createMany({
        data: parsed.assets.map((a) => ({ publicationId: publication.id, path: a.path, mediaType: a.mediaType, data: bytesView(a.data) })),
      });
      await tx.publication.update({
        where: { id: publication.id },
        data: {
          toc: parsed.toc, startChapter: parsed.startChapter, fileSize: data.length,
          coverPath: keepCover ?? parsed.coverPath,
          ...(keepCover ? {} : { coverHash: null, coverColor: null }),
        },
      });
      await tx.publicationFile.upsert({
        where: { publicationId: publication.id },
        create: { publicationId: publication.id, storageKey, mediaType: "application/epub+zip", size: data.length, sha256 },
        update: { data: null, storageKey, mediaType: "application/epub+zip", size: data.length, sha256 },
      });
      for (const u of updates) await tx.annotation.update({ where: { id: u.id }, data: u.data });
      for (const p of newProgress) {
        await tx.readingProgress.update({ where: { userId_publicationId: { userId: p.userId, publicationId: publication.id } }, data: { chapterIndex: p.chapterIndex, position: p.position, percent: p.percent } });
      }
      await tx.chapterReading.deleteMany({ where: { publicationId: publication.id } });
      await tx.chapterReading.createMany({ data: [...mergedReadings.values()] });
      await recordAudit({
        actorUserId: input.actorUserId,
        action: "publication.replace_file",
        details: {
          publicationId: publication.id, slug: publication.slug, title: publication.title,
          oldSha256: publication.file?.sha256 ?? null, newSha256: sha256,
          chapters: { before: oldChapters.length, after: parsed.chapters.length },
          highlights: { placed, unplaced }, progressMoved: newProgress.length,
        },
      }, tx);
    }, { maxWait: 10_000, timeout: 120_000 });
  } catch (error) {
    if (publication.file?.storageKey !== storageKey) await getStorage().delete(storageKey).catch(() => undefined);
    throw error;
  }
  if (publication.file?.storageKey && publication.file.storageKey !== storageKey) await getStorage().delete(publication.file.storageKey).catch(() => undefined);
  if (!keepCover) {
    await tryGenerateBookCover(publication.id);
    // The old edition's thumbnails, unless the new edition has the very same cover.
    const current = await prisma.publication.findUnique({ where: { id: publication.id }, select: { coverHash: true } });
    if (publication.coverHash && current?.coverHash !== publication.coverHash) await deleteThumbnails(publication.id, publication.coverHash);
  }

  const owners = [...unplacedBy].map(([userId, n]) => ({ userId, unplaced: n }));
  if (options.notify !== false && owners.length) await tellOwners(publication.title, publication.slug, owners);
  return { chapterCount: parsed.chapters.length, highlights: { placed, unplaced }, owners, progressMoved: newProgress.length };
}

/** Mails each person whose highlights could not be placed how many (those with an email on file). */
async function tellOwners(title: string, slug: string, owners: { userId: string; unplaced: number }[]): Promise<void> {
  const people = await prisma.user.findMany({ where: { id: { in: owners.map((o) => o.userId) }, email: { not: null } }, select: { id: true, email: true } });
  const count = new Map(owners.map((o) => [o.userId, o.unplaced]));
  for (const person of people) {
    const n = count.get(person.id)!;
    try {
      await sendMail({
        to: person.email!,
        subject: `A new edition of "${title.replace(/[\r\n]+/g, " ").slice(0, 200)}"`,
        text: `The book "${title}" was replaced with a new edition. Your highlights and notes were moved into it, `
          + `but ${n} ${n === 1 ? "highlight" : "highlights"} could not be found in the new text. They are kept, with their quotes and notes, `
          + `at the end of your notes list in the book (marked "not found in this edition"): ${new URL(`/read/${encodeURIComponent(slug)}`, env.APP_URL).href}`,
      });
    } catch (error) {
      console.warn(`Could not queue the new-edition mail for ${person.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
