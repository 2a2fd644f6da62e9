import { describe, expect, it } from "vitest";
import type { ReactElement } from "react";
import ReadPage from "@/app/(store)/read/[slug]/page";
import { GET as list, POST as create } from "@/app/api/reading/publications/[slug]/annotations/route";
import { GET as exportNotes } from "@/app/api/reading/publications/[slug]/annotations/export/route";
import { DELETE as remove, PATCH as patch } from "@/app/api/reading/annotations/[id]/route";
import { POST as heartbeat } from "@/app/api/reading/publications/[slug]/heartbeat/route";
import { GET as getProgress, PUT as putProgress } from "@/app/api/reading/publications/[slug]/progress/route";
import { GET as bookStats } from "@/app/api/reading/publications/[slug]/stats/route";
import { GET as myStats } from "@/app/api/reading/stats/route";
import type { PdfReaderAppProps } from "@/components/reader/pdf/pdf-reader-app";
import { listCourseReadings } from "@/lib/courses/course-readings";
import { readingProgress, secondsToRead } from "@/lib/courses/reading-share";
import { prisma } from "@/lib/db";
import { createLti11Integration, createPlan, createUser, grantPlan } from "@/tests/support/factories";
import { createPdfPublication } from "@/tests/support/pdf";
import { signInAs } from "@/tests/support/request-context";

// A PDF is read page by page through the same back end as an EPUB's chapters: a page is a
// Chapter row (index = page - 1), so highlights, progress, the reading clock and course readings
// work on pages with the same rules and the same isolation.

const base = "http://localhost:3000/api/reading";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const json = (method: string, body: unknown) =>
  new Request(`${base}/x`, { method, headers: { "content-type": "application/json", origin: "http://localhost:3000" }, body: JSON.stringify(body) });
const slug = "pdf-book";
const words = (n: number, page: number) => `Page ${page} text: ${Array.from({ length: n }, (_, i) => `w${i}`).join(" ")}`;

async function reader(pages = 12) {
  const { publication } = await createPdfPublication({ slug, pageCount: pages });
  const user = await createUser({ name: "Alice" });
  await grantPlan(user.id, (await createPlan({ publicationIds: [publication.id] })).id);
  await signInAs(user);
  return { publication, user };
}

describe("PDF highlights and notes", () => {
  const highlight = { kind: "HIGHLIGHT", chapterIndex: 11, startOffset: 0, endOffset: 15, quote: "This is page 12", color: "blue", note: "Key page" };

  it("anchors a highlight by page, offsets and quote; refuses a page past the end; exports by page number and outline section", async () => {
    await reader();
    const created = await create(json("POST", highlight), params({ slug }));
    expect(created.status).toBe(201);
    expect((await created.json()).annotation).toMatchObject({ chapterIndex: 11, startOffset: 0, endOffset: 15, quote: "This is page 12" });
    await create(json("POST", { kind: "NOTE", note: "On page 3", chapterIndex: 2 }), params({ slug }));
    expect((await create(json("POST", { ...highlight, chapterIndex: 12 }), params({ slug }))).status).toBe(422);

    const listed = await (await list(new Request(`${base}/x`), params({ slug }))).json();
    expect(listed.annotations.map((a: { chapterIndex: number }) => a.chapterIndex)).toEqual([2, 11]);
    const markdown = await (await exportNotes(new Request(`${base}/x`), params({ slug }))).text();
    // The test book's outline has "Part N" on pages 1, 6 and 11.
    expect(markdown).toContain("## Page 3 · Part 1\n\n- **Note:** On page 3");
    expect(markdown).toContain("## Page 12 · Part 3\n\n> This is page 12\n\n*blue highlight*\n\n**Note:** Key page");
    expect(markdown).not.toContain("Chapter");
  });

  it("keeps one person's PDF highlights from another: not listed, not exported, not changed, not deleted", async () => {
    const { publication, user: alice } = await reader();
    const mine = await prisma.annotation.create({
      data: { userId: alice.id, publicationId: publication.id, kind: "HIGHLIGHT", chapterIndex: 4, startOffset: 0, endOffset: 14, quote: "This is page 5", color: "yellow", note: "private" },
    });
    const mallory = await createUser({ name: "Mallory" });
    await grantPlan(mallory.id, (await createPlan({ publicationIds: [publication.id] })).id);
    await signInAs(mallory);
    expect((await (await list(new Request(`${base}/x`), params({ slug }))).json()).annotations).toEqual([]);
    expect(await (await exportNotes(new Request(`${base}/x`), params({ slug }))).text()).not.toContain("private");
    expect((await patch(json("PATCH", { note: "pwned" }), params({ id: mine.id }))).status).toBe(404);
    expect((await remove(new Request(`${base}/annotations/${mine.id}`, { method: "DELETE" }), params({ id: mine.id }))).status).toBe(404);
    expect(await prisma.annotation.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ note: "private", color: "yellow" });
  });

  it("refuses a highlight in a PDF the person may not read", async () => {
    await createPdfPublication({ slug: "paid-pdf" });
    await signInAs(await createUser());
    expect((await create(json("POST", highlight), params({ slug: "paid-pdf" }))).status).toBe(403);
  });
});

describe("PDF place and reading statistics", () => {
  it("reopens at the saved page and place, on any device: the reader page opens the PDF reader there", async () => {
    const { user } = await reader(40);
    expect((await putProgress(json("PUT", { chapterIndex: 27, position: 0.4, percent: (27 + 0.4) / 40 }), params({ slug }))).status).toBe(200);
    expect((await (await getProgress(new Request(`${base}/x`), params({ slug }))).json()).progress).toMatchObject({ chapterIndex: 27, position: 0.4 });
    await signInAs(user); // another browser: only the account is shared
    const element = (await ReadPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) })) as ReactElement<PdfReaderAppProps>;
    expect(element.props).toMatchObject({ pageCount: 40, initialIndex: 27, initialPosition: 0.4, personal: true });
    expect(element.props.toc).toEqual(expect.arrayContaining([{ title: "Part 6", chapterIndex: 25 }]));
    const asked = (await ReadPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({ page: "3" }) })) as ReactElement<PdfReaderAppProps>;
    expect(asked.props).toMatchObject({ initialIndex: 2, initialPosition: 0 });
    const stats = await (await bookStats(new Request(`${base}/x`), params({ slug }))).json();
    expect(stats.stats.percent).toBeCloseTo(0.685, 3);
  });

  it("counts a page as read with its end seen and time in proportion to its words; time goes to the page the beat names", async () => {
    const pages = [{ text: words(300, 1) }, { text: words(20, 2) }, { text: words(20, 3) }];
    const { publication } = await createPdfPublication({ slug, pages });
    const user = await createUser();
    await grantPlan(user.id, (await createPlan({ publicationIds: [publication.id] })).id);
    await signInAs(user);
    const page1 = await prisma.chapter.findUniqueOrThrow({ where: { publicationId_index: { publicationId: publication.id, index: 0 } } });
    expect(secondsToRead(page1.wordCount)).toBe(31); // 303 words at 10 a second

    const beat = (body: object) => heartbeat(json("POST", body), params({ slug }));
    expect((await beat({ clientSessionId: "pdf-sitting", activeSeconds: 10, chapterIndex: 0, position: 1 })).status).toBe(200);
    expect((await beat({ clientSessionId: "pdf-sitting-2", activeSeconds: 5, chapterIndex: 1, position: 1 })).status).toBe(200);
    const rows = await prisma.chapterReading.findMany({ where: { userId: user.id }, orderBy: { chapterIndex: "asc" } });
    // Page 1: its end seen but 10 s is too short for 303 words. Page 2: 23 words need 3 s.
    expect(rows.map((r) => [r.chapterIndex, r.activeSeconds, r.readAt !== null])).toEqual([[0, 10, false], [1, 5, true]]);
    expect((await beat({ clientSessionId: "pdf-sitting-3", activeSeconds: 5, chapterIndex: 3, position: 1 })).status).toBe(422);
    // My reading: time, sittings, and pages seen of the book's pages.
    const stats = (await (await bookStats(new Request(`${base}/x`), params({ slug }))).json()).stats;
    expect(stats).toMatchObject({ format: "PDF", seen: 2, total: 3, sessions: 2 });
    expect(stats.seconds).toBeGreaterThanOrEqual(15);
    const mine = (await (await myStats(new Request(`${base}/stats`))).json()).books;
    expect(mine).toEqual([expect.objectContaining({ slug, format: "PDF", seen: 2, total: 3 })]);
  });

  it("measures a course reading over a page range by the pages read in it, weighted by words", async () => {
    const pages = [{ text: words(10, 1) }, { text: words(10, 2) }, { text: words(30, 3) }, { text: words(10, 4) }];
    const { publication } = await createPdfPublication({ slug, pages });
    const { integration } = await createLti11Integration();
    const course = await prisma.course.create({ data: { integrationId: integration.id, contextId: "bio-101", title: "Biology" } });
    const link = await prisma.resourceLink.create({ data: { integrationId: integration.id, courseId: course.id, linkId: "pages-2-3", publicationId: publication.id, startChapter: 1, endChapter: 2 } });
    // The course views name the range by page numbers and count pages.
    expect(await listCourseReadings(course.id)).toEqual([expect.objectContaining({ range: "Pages 2–3", chapters: 2, unit: "page" })]);
    const user = await createUser();
    const chapters = await prisma.chapter.findMany({ where: { publicationId: publication.id }, orderBy: { index: "asc" } });
    const read = (index: number, readAt: Date | null) => prisma.chapterReading.create({
      data: { userId: user.id, publicationId: publication.id, chapterIndex: index, activeSeconds: 60, furthest: 1, readAt, updatedAt: new Date() },
    });
    await read(0, new Date()); // outside the range: does not count
    await read(1, new Date());
    await read(2, null);
    const [progress] = await readingProgress({ resourceLinkId: link.id, userId: user.id });
    const w = (i: number) => chapters[i]!.wordCount;
    expect(progress).toMatchObject({ readChapters: 1, totalChapters: 2, completed: false, status: "reading" });
    expect(progress!.share).toBeCloseTo(w(1) / (w(1) + w(2)), 5);
  });
});
