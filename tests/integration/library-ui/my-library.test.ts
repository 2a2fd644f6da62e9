import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listMyLibrary } from "@/lib/library/my-library";
import { getReaderShell } from "@/lib/library/reader-shell";
import { createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";

const slugs = (books: { slug: string }[]) => books.map((b) => b.slug).sort();

describe("listMyLibrary", () => {
  it("lists free books, the books of the person's plans, and nothing unpublished", async () => {
    const free = await createPublication({ slug: "free-book", isFree: true });
    const inPlan = await createPublication({ slug: "in-plan" });
    await createPublication({ slug: "not-in-plan" });
    await createPublication({ slug: "draft-in-plan", published: false, isFree: true });
    const plan = await createPlan({ publicationIds: [inPlan.id] });
    const reader = await createUser();
    const stranger = await createUser();
    await grantPlan(reader.id, plan.id);

    expect(slugs(await listMyLibrary({ userId: reader.id }))).toEqual(["free-book", "in-plan"]);
    expect(slugs(await listMyLibrary({ userId: stranger.id }))).toEqual([free.slug]);
  });

  it("gives full access and all-publications plans every published book", async () => {
    await createPublication({ slug: "a-book" });
    await createPublication({ slug: "b-book" });
    await createPublication({ slug: "c-draft", published: false });
    const full = await createUser();
    await prisma.accessGrant.create({ data: { userId: full.id, kind: "FULL", source: "ADMIN" } });
    const allPlan = await createPlan({ all: true });
    const planned = await createUser();
    await grantPlan(planned.id, allPlan.id);
    expect(slugs(await listMyLibrary({ userId: full.id }))).toEqual(["a-book", "b-book"]);
    expect(slugs(await listMyLibrary({ userId: planned.id }))).toEqual(["a-book", "b-book"]);
  });

  it("puts books in progress first, most recent first, with their progress", async () => {
    const [a, b, c] = [await createPublication({ slug: "aa", isFree: true }), await createPublication({ slug: "bb", isFree: true }), await createPublication({ slug: "cc", isFree: true })];
    const reader = await createUser();
    await prisma.readingProgress.create({ data: { userId: reader.id, publicationId: c.id, chapterIndex: 1, position: 0.5, percent: 0.75 } });
    await new Promise((r) => setTimeout(r, 10));
    await prisma.readingProgress.create({ data: { userId: reader.id, publicationId: b.id, chapterIndex: 0, position: 0.1, percent: 0.05 } });
    const books = await listMyLibrary({ userId: reader.id });
    expect(books.map((x) => x.slug)).toEqual(["bb", "cc", "aa"]);
    expect(books[1]).toMatchObject({ slug: "cc", chapterIndex: 1, percent: 0.75, hasCover: false, isFree: true });
    expect(books[1]!.lastReadAt).toBeInstanceOf(Date);
    expect(books[2]).toMatchObject({ slug: a.slug, chapterIndex: null, percent: 0, lastReadAt: null });
  });
});

describe("getReaderShell", () => {
  it("says why a viewer may not read, without the contents", async () => {
    const book = await createPublication({ slug: "paid" });
    const reader = await createUser();
    const visitor = await getReaderShell({ viewer: { userId: null }, slug: book.slug });
    expect(visitor).toEqual({ access: false, reason: "sign-in", publication: { slug: "paid", title: book.title, author: "Test Author", hasCover: false, format: "EPUB" } });
    const signedIn = await getReaderShell({ viewer: { userId: reader.id }, slug: book.slug });
    expect(signedIn).toMatchObject({ access: false, reason: "forbidden" });
    expect(JSON.stringify(signedIn)).not.toContain("Chapter one");
  });

  it("gives a reader with access the contents, chapters and saved place", async () => {
    const book = await createPublication({ slug: "planned", chapters: ["<p>One two three.</p>", "<p>Four.</p>", "<p>Five six.</p>"] });
    const reader = await createUser();
    await grantPlan(reader.id, (await createPlan({ publicationIds: [book.id] })).id);
    await prisma.readingProgress.create({ data: { userId: reader.id, publicationId: book.id, chapterIndex: 2, position: 0.4, percent: 0.9 } });
    const shell = await getReaderShell({ viewer: { userId: reader.id }, slug: "planned" });
    expect(shell).toMatchObject({
      access: true,
      toc: [{ title: "Chapter 1", chapterIndex: 0 }, { title: "Chapter 2", chapterIndex: 1 }, { title: "Chapter 3", chapterIndex: 2 }],
      chapters: [{ index: 0, title: "Chapter 1" }, { index: 1 }, { index: 2 }],
      progress: { chapterIndex: 2, position: 0.4, percent: 0.9 },
      personal: true,
    });
  });

  it("hides unpublished and unknown books, except unpublished ones from administrators", async () => {
    await createPublication({ slug: "draft", published: false, isFree: true });
    const reader = await createUser();
    expect(await getReaderShell({ viewer: { userId: reader.id }, slug: "draft" })).toBeNull();
    expect(await getReaderShell({ viewer: { userId: reader.id }, slug: "no-such-book" })).toBeNull();
    expect(await getReaderShell({ viewer: { userId: reader.id }, slug: "../etc" })).toBeNull();
    expect(await getReaderShell({ viewer: { userId: reader.id, isAdmin: true }, slug: "draft" })).toMatchObject({ access: true, progress: null, personal: false });
  });
});
