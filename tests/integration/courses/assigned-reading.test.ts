import { describe, expect, it } from "vitest";
import type { ReactElement } from "react";
import { prisma } from "@/lib/db";
import { getAssignedReading } from "@/lib/courses/assigned-reading";
import ReadPage from "@/app/(store)/read/[slug]/page";
import type { ReaderAppProps } from "@/components/reader/reader-app";
import { createLti13Integration, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

// The reader's side of an assigned reading: a course link opens its range for members of the
// course, and means nothing to anyone else.

const platform = { issuer: "https://lms.example.test", clientId: "c", authUrl: "https://lms.example.test/auth", jwksUrl: "https://lms.example.test/jwks", deploymentId: "d" };
const CHAPTERS = ["<p>zero</p>", "<p>one</p>", "<p>two</p>", "<p id=\"bk-storm\">three</p>", "<p>four</p>", "<p>five</p>"];

async function course() {
  const integration = await createLti13Integration(platform);
  const book = await createPublication({ slug: "emma", title: "Emma", isFree: true, chapters: CHAPTERS });
  await prisma.publication.update({ where: { id: book.id }, data: { toc: [
    { title: "Opening", chapterIndex: 0 }, { title: "One", chapterIndex: 1 }, { title: "Two", chapterIndex: 2 },
    { title: "Three", chapterIndex: 3, children: [{ title: "The storm", chapterIndex: 3, fragment: "storm" }] }, { title: "Four", chapterIndex: 4 }, { title: "Five", chapterIndex: 5 },
  ] } });
  const cs101 = await prisma.course.create({ data: { integrationId: integration.id, contextId: "cs101", title: "CS 101" } });
  const link = await prisma.resourceLink.create({ data: {
    integrationId: integration.id, courseId: cs101.id, linkId: "rl-1", title: "Week 3", publicationId: book.id, startChapter: 3, startFragment: "storm", endChapter: 4,
  } });
  const student = await createUser();
  await prisma.courseMembership.create({ data: { courseId: cs101.id, userId: student.id, subject: "s-1", roles: ["Learner"] } });
  return { integration, book, cs101, link, student };
}

async function readerProps(slug: string, query: Record<string, string>): Promise<ReaderAppProps> {
  const element = (await ReadPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(query) })) as ReactElement<ReaderAppProps>;
  return element.props;
}

describe("getAssignedReading", () => {
  it("gives a member of the link's course the assigned range", async () => {
    const { link, student } = await course();
    expect(await getAssignedReading({ userId: student.id, linkId: link.id, slug: "emma" })).toEqual({ title: "Week 3", startChapter: 3, startFragment: "storm", endChapter: 4 });
  });

  it("gives nothing to someone outside the course, for another book, for a link without a course, or for a malformed id", async () => {
    const { integration, link, book, student } = await course();
    const outsider = await createUser();
    expect(await getAssignedReading({ userId: outsider.id, linkId: link.id, slug: "emma" })).toBeNull();
    await createPublication({ slug: "dracula", isFree: true });
    expect(await getAssignedReading({ userId: student.id, linkId: link.id, slug: "dracula" })).toBeNull();
    const loose = await prisma.resourceLink.create({ data: { integrationId: integration.id, linkId: "rl-2", publicationId: book.id, startChapter: 1, endChapter: 1 } });
    expect(await getAssignedReading({ userId: student.id, linkId: loose.id, slug: "emma" })).toBeNull();
    for (const linkId of ["", "x".repeat(65), "a' or 1=1", ["a"], 7]) {
      expect(await getAssignedReading({ userId: student.id, linkId, slug: "emma" })).toBeNull();
    }
  });

  it("forgets the assignment when the person leaves the course", async () => {
    const { link, student, cs101 } = await course();
    await prisma.courseMembership.delete({ where: { courseId_userId: { courseId: cs101.id, userId: student.id } } });
    expect(await getAssignedReading({ userId: student.id, linkId: link.id, slug: "emma" })).toBeNull();
  });
});

describe("the reader page with a course link", () => {
  it("opens a member at the start of the range, at its section, and names the reading", async () => {
    const { link, student } = await course();
    await signInAs(student);
    const props = await readerProps("emma", { link: link.id });
    expect(props.initialIndex).toBe(3);
    expect(props.initialTarget).toEqual({ kind: "fragment", id: "storm" });
    expect(props.assignment).toEqual({ linkId: link.id, title: "Week 3", range: { start: 3, startFragment: "storm", end: 4 }, from: "The storm", to: "Four" });
  });

  it("continues where the member was when that is inside the range, and not when it is outside", async () => {
    const { link, student, book } = await course();
    await signInAs(student);
    await prisma.readingProgress.create({ data: { userId: student.id, publicationId: book.id, chapterIndex: 4, position: 0.5, percent: 0.7 } });
    const inside = await readerProps("emma", { link: link.id });
    expect([inside.initialIndex, inside.initialTarget]).toEqual([4, { kind: "position", value: 0.5 }]);
    await prisma.readingProgress.update({ where: { userId_publicationId: { userId: student.id, publicationId: book.id } }, data: { chapterIndex: 1 } });
    const outside = await readerProps("emma", { link: link.id });
    expect([outside.initialIndex, outside.initialTarget]).toEqual([3, { kind: "fragment", id: "storm" }]);
    // A chapter in the address (a reload after moving on) wins over the range's start.
    const reload = await readerProps("emma", { link: link.id, chapter: "5" });
    expect(reload.initialIndex).toBe(5);
    expect(reload.assignment?.range).toEqual({ start: 3, startFragment: "storm", end: 4 });
  });

  it("ignores the link for someone outside the course: the book opens as usual and nothing of the course shows", async () => {
    const { link } = await course();
    await signInAs(await createUser());
    const props = await readerProps("emma", { link: link.id });
    expect(props.assignment).toBeNull();
    expect(props.initialIndex).toBe(0);
    expect(props.initialTarget).toEqual({ kind: "top" });
  });
});
