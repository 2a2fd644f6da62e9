import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ingestPublication } from "@/lib/publications/ingest";
import { deletePublication, describeDeletion, unpublishPublication, updatePublication } from "@/lib/publications/manage";
import { seedDemoBooks } from "@/lib/publications/seed-demo-books";
import { buildEpub, chapterXhtml, epubFiles, zipFiles } from "@/tests/support/epub";
import { createUser } from "@/tests/support/factories";

async function expectRefused(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe("ingestPublication", () => {
  it("stores the publication, its file, chapters and assets, with a slug from the title", async () => {
    const result = await ingestPublication({ data: await buildEpub(), priceCents: 250 });
    expect(result).toMatchObject({ slug: "a-tiny-book", title: "A Tiny Book", author: "Ada Writer", chapterCount: 2, assetCount: 2 });
    const stored = await prisma.publication.findUniqueOrThrow({ where: { slug: "a-tiny-book" }, include: { file: true, chapters: true, assets: true } });
    expect(stored).toMatchObject({ published: false, isFree: false, priceCents: 250, coverPath: "OEBPS/images/pic.png", language: "en" });
    expect(stored.file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The file itself is in the storage backend (tests/integration/storage/book-files.test.ts).
    expect(stored.file).toMatchObject({ data: null, storageKey: `publications/${stored.id}/${stored.file?.sha256}.epub` });
    expect(stored.chapters.map((c) => c.title).sort()).toEqual(["One", "Two"]);
    expect(stored.assets.map((a) => a.mediaType).sort()).toEqual(["image/png", "text/css"]);
    const first = stored.chapters.find((c) => c.index === 0)!;
    expect(first.html).toContain('href="/read/a-tiny-book?chapter=1#later"');
    expect(first.html).toMatch(/src="\/api\/publications\/a-tiny-book\/assets\/OEBPS\/images\/pic\.png\?v=[0-9a-f]{12}"/);
  });

  it("answers a re-upload under an existing slug with a clear conflict", async () => {
    await ingestPublication({ data: await buildEpub() });
    await expectRefused(ingestPublication({ data: await buildEpub() }), "CONFLICT", /"a-tiny-book" already exists/);
    await ingestPublication({ data: await buildEpub(), slug: "a-tiny-book-2" });
    expect(await prisma.publication.count()).toBe(2);
  });

  it("changes nothing when a chapter is nested too deeply (refused in the chapter worker)", async () => {
    const deep = chapterXhtml("Two", `${"<b>".repeat(80_000)}x${"</b>".repeat(80_000)}`);
    await expectRefused(ingestPublication({ data: await zipFiles(epubFiles({ "OEBPS/two.xhtml": deep }), "STORE") }), "BAD_INPUT", /chapter 2 \("OEBPS\/two\.xhtml"\) is nested too deeply/);
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.chapter.count()).toBe(0);
  });

  it("changes nothing when a file is refused", async () => {
    await expectRefused(ingestPublication({ data: Buffer.from("not a zip") }), "BAD_INPUT", /not a zip/);
    await expectRefused(ingestPublication({ data: await buildEpub({ "OEBPS/two.xhtml": null }) }), "BAD_INPUT", /missing from the file/);
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.chapter.count()).toBe(0);
    expect(await prisma.publicationAsset.count()).toBe(0);
  });

  it("edits, unpublishes, and deletes only with confirmation when people have notes", async () => {
    const { id } = await ingestPublication({ data: await buildEpub(), published: true });
    expect(await updatePublication({ id, title: "Renamed", isFree: true })).toMatchObject({ title: "Renamed", isFree: true, slug: "a-tiny-book" });
    expect(await unpublishPublication(id)).toMatchObject({ published: false });

    const [ann, ben] = [await createUser(), await createUser()];
    await prisma.annotation.createMany({
      data: [
        { userId: ann.id, publicationId: id, kind: "HIGHLIGHT", chapterIndex: 0, startOffset: 0, endOffset: 5, quote: "First", color: "yellow" },
        { userId: ann.id, publicationId: id, kind: "NOTE", note: "Mine" },
        { userId: ben.id, publicationId: id, kind: "HIGHLIGHT", chapterIndex: 1, startOffset: 0, endOffset: 6, quote: "Second", color: "blue" },
      ],
    });
    expect(await describeDeletion(id)).toEqual({ title: "Renamed", highlights: 2, notes: 1, readers: 2 });
    await expectRefused(deletePublication({ id }), "CONFLICT", /2 highlights and 1 note belonging to 2 readers/);
    expect(await prisma.publication.count()).toBe(1);
    await deletePublication({ id, confirm: true });
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.annotation.count()).toBe(0);
    await expectRefused(updatePublication({ id, title: "Gone" }), "NOT_FOUND");
  });

  it("seeds the four demo books through ingestion, and skips them the second time", async () => {
    const first = await seedDemoBooks();
    expect(first.map((r) => r.status)).toEqual(["created", "created", "created", "created"]);
    // Ingestion time per book, for the report (tests never assert on time).
    console.log(first.map((r) => `${r.slug}: ${r.ms} ms`).join(", "));
    const counts = await prisma.publication.findMany({ select: { slug: true, published: true, _count: { select: { chapters: true } } }, orderBy: { slug: "asc" } });
    expect(counts.map((c) => [c.slug, c._count.chapters, c.published])).toEqual([
      ["adventures-of-sherlock-holmes", 16, true],
      ["alice-in-wonderland", 18, true],
      ["pride-and-prejudice", 65, true],
      ["war-and-peace", 393, true],
    ]);
    expect((await seedDemoBooks()).map((r) => r.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
  }, 120_000);
});
