import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getJobQueue } from "@/lib/jobs/queue";
import { ingestPublication } from "@/lib/publications/ingest";
import { replacePublicationFile } from "@/lib/publications/replace-file";
import { chapterTextContent } from "@/lib/publications/replace/text";
import { getStorage } from "@/lib/storage";
import { generateBookCover } from "@/lib/publications/covers/store";
import { coverFileKey } from "@/lib/publications/covers/sizes";
import { buildEpub, chapterXhtml, opf } from "@/tests/support/epub";
import { createAdminUser, createUser } from "@/tests/support/factories";

// Two editions of one small book. The second adds a preface, reflows and retypes the text
// (curly quotes, different line breaks), moves a passage to another chapter and drops a sentence.
const FIRST = {
  "OEBPS/one.xhtml": chapterXhtml("One", `<p>It was the best of times, it was the worst of times.</p><p>"Hello," said Alice, to nobody in particular.</p><p>A sentence the editor later cut.</p>`),
  "OEBPS/two.xhtml": chapterXhtml("Two", `<p>Second chapter opens here.</p><p id="later">The rabbit ran down the hole.</p>`),
};
const SECOND_MANIFEST = `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
  <item id="pre" href="preface.xhtml" media-type="application/xhtml+xml"/>
  <item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/>
  <item id="css" href="style.css" media-type="text/css"/><item id="pic" href="images/pic.png" media-type="image/png" properties="cover-image"/>`;
const SECOND = {
  "OEBPS/content.opf": opf({ manifest: SECOND_MANIFEST, spine: `<itemref idref="pre"/><itemref idref="c1"/><itemref idref="c2"/>` }),
  "OEBPS/preface.xhtml": chapterXhtml("Preface", `<p>A preface for the second edition.</p>`),
  "OEBPS/one.xhtml": chapterXhtml("One", `<p>It was the best of times,\n   it was the worst of times.</p><p>“Hello,” said Alice, to nobody in particular.</p>`),
  "OEBPS/two.xhtml": chapterXhtml("Two", `<p>Second chapter opens here, revised.</p><p>The rabbit ran down the hole.</p><p>It was the best of times, it was the worst of times.</p>`),
};

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "folio-replace-test-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function fileOf(bytes: Buffer): Promise<string> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.epub`);
  await writeFile(path, bytes);
  return path;
}

async function highlight(userId: string, publicationId: string, chapterIndex: number, quote: string, occurrence: "first" | "last" = "first", note?: string) {
  const chapter = await prisma.chapter.findUniqueOrThrow({ where: { publicationId_index: { publicationId, index: chapterIndex } } });
  const text = chapterTextContent(chapter.html);
  const start = occurrence === "first" ? text.indexOf(quote) : text.lastIndexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return prisma.annotation.create({ data: { userId, publicationId, kind: "HIGHLIGHT", chapterIndex, startOffset: start, endOffset: start + quote.length, quote, color: "yellow", note } });
}

async function textAt(publicationId: string, a: { chapterIndex: number | null; startOffset: number | null; endOffset: number | null }) {
  const chapter = await prisma.chapter.findUniqueOrThrow({ where: { publicationId_index: { publicationId, index: a.chapterIndex! } } });
  return chapterTextContent(chapter.html).slice(a.startOffset!, a.endOffset!);
}

describe("replacePublicationFile", () => {
  it("keeps highlights, notes and progress across editions; marks what it cannot place and says so", async () => {
    // The queue's tables outlive the test database's emptying: start from an empty queue.
    await (await getJobQueue()).clearStorage();
    const book = await ingestPublication({ data: await buildEpub(FIRST), slug: "two-editions", published: true });
    const admin = await createAdminUser();
    const reader = await createUser({ email: "reader@example.test" });
    const other = await createUser();

    const best = await highlight(reader.id, book.id, 0, "it was the worst of times", "first", "famous");
    const hello = await highlight(reader.id, book.id, 0, `"Hello," said Alice`);
    const rabbit = await highlight(reader.id, book.id, 1, "The rabbit ran down the hole.");
    const cut = await highlight(reader.id, book.id, 0, "A sentence the editor later cut.", "first", "keep this thought");
    const othersCut = await highlight(other.id, book.id, 0, "the editor later cut");
    const note = await prisma.annotation.create({ data: { userId: reader.id, publicationId: book.id, kind: "NOTE", chapterIndex: 1, note: "On chapter two" } });
    await prisma.readingProgress.create({ data: { userId: reader.id, publicationId: book.id, chapterIndex: 1, position: 0.5, percent: 0.75 } });
    await prisma.chapterReading.create({ data: { userId: reader.id, publicationId: book.id, chapterIndex: 1, activeSeconds: 90, furthest: 0.5 } });

    const cover = (await generateBookCover(book.id))!;
    const result = await replacePublicationFile({ publicationId: book.id, path: await fileOf(await buildEpub(SECOND)), actorUserId: admin.id });
    expect(result).toMatchObject({ chapterCount: 3, highlights: { placed: 3, unplaced: 2 }, progressMoved: 1 });
    expect(result.owners.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([{ userId: reader.id, unplaced: 1 }, { userId: other.id, unplaced: 1 }].sort((a, b) => a.userId.localeCompare(b.userId)));

    const after = async (id: string) => prisma.annotation.findUniqueOrThrow({ where: { id } });
    // Chapter One is now the second chapter; its first-occurrence quote stays in it (not the copy in chapter Two).
    const b = await after(best.id);
    expect(b).toMatchObject({ chapterIndex: 1, note: "famous", unplacedAt: null });
    expect(await textAt(book.id, b)).toBe("it was the worst of times");
    const h = await after(hello.id);
    expect(h.chapterIndex).toBe(1);
    expect(await textAt(book.id, h)).toBe("“Hello,” said Alice");
    expect(h.quote).toBe("“Hello,” said Alice");
    const r = await after(rabbit.id);
    expect(r.chapterIndex).toBe(2);
    expect(await textAt(book.id, r)).toBe("The rabbit ran down the hole.");
    // The cut sentence: kept with its quote and note, marked, without a place.
    expect(await after(cut.id)).toMatchObject({ chapterIndex: null, startOffset: null, endOffset: null, quote: "A sentence the editor later cut.", note: "keep this thought" });
    expect((await after(cut.id)).unplacedAt).toBeInstanceOf(Date);
    expect((await after(othersCut.id)).unplacedAt).toBeInstanceOf(Date);
    expect((await after(note.id)).chapterIndex).toBe(2);

    const progress = await prisma.readingProgress.findUniqueOrThrow({ where: { userId_publicationId: { userId: reader.id, publicationId: book.id } } });
    expect(progress).toMatchObject({ chapterIndex: 2, position: 0.5 });
    expect(progress.percent).toBeGreaterThan(0.5);
    expect(progress.percent).toBeLessThan(1);
    expect(await prisma.chapterReading.findMany({ where: { publicationId: book.id }, select: { chapterIndex: true, activeSeconds: true } })).toEqual([{ chapterIndex: 2, activeSeconds: 90 }]);

    const stored = await prisma.publication.findUniqueOrThrow({ where: { id: book.id }, include: { file: true, chapters: { orderBy: { index: "asc" } } } });
    expect(stored.chapters.map((c) => c.title)).toEqual(["Preface", "One", "Two"]);
    expect(stored.file).toMatchObject({ data: null, storageKey: `publications/${book.id}/${stored.file!.sha256}.epub` });
    expect(await getStorage().size(stored.file!.storageKey!)).toBe(stored.fileSize);

    // The same cover image in both editions: the same thumbnails, still there.
    expect(stored.coverHash).toBe(cover.hash);
    expect(await getStorage().size(coverFileKey(book.id, cover.hash, 160, "webp"))).toBeGreaterThan(0);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "publication.replace_file" } });
    expect(audit).toMatchObject({ actorUserId: admin.id, details: { slug: "two-editions", highlights: { placed: 3, unplaced: 2 }, chapters: { before: 2, after: 3 } } });
    // The reader with an email is told how many of theirs could not be placed.
    const mails = await prisma.$queryRaw<{ data: { message: { to: string; text: string } } }[]>`select data from pgboss.job where name = 'mail'`;
    const toReader = mails.filter((m) => m.data.message?.to === "reader@example.test");
    expect(toReader).toHaveLength(1);
    expect(toReader[0]!.data.message.text).toMatch(/but 1 highlight could not be found/);
  });

  it("leaves the old edition whole when the new file is refused", async () => {
    // One build of the file: a zip carries its entries' times, so two builds may differ.
    const first = await buildEpub(FIRST);
    const book = await ingestPublication({ data: first, slug: "stays-put" });
    const reader = await createUser();
    const a = await highlight(reader.id, book.id, 1, "The rabbit ran");
    const bad = await buildEpub({ "OEBPS/content.opf": "<package>not really</package>" });
    const error = await replacePublicationFile({ publicationId: book.id, path: await fileOf(bad), actorUserId: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(await prisma.chapter.count({ where: { publicationId: book.id } })).toBe(2);
    expect(await prisma.annotation.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ chapterIndex: 1, unplacedAt: null });
    // The same file again is refused as such.
    const same = await replacePublicationFile({ publicationId: book.id, path: await fileOf(first), actorUserId: null }).catch((e: unknown) => e);
    expect((same as AppError).code).toBe("CONFLICT");
  });
});
