import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { pool } from "@/lib/sql";
import { getInstructorView, getStudentDetail } from "@/lib/courses/instructor-view";
import { getMyCourseReadings, listMyCourses } from "@/lib/courses/my-courses";
import { createAdminUser, createPublication, createUser } from "@/tests/support/factories";
import { addMember, createLti13Course, ROLE } from "./helpers";

// A small course: three chapters of 100, 200 and 300 words; reading 1 is chapters 0–1 (graded),
// reading 2 the whole book. Ada launched and read chapters 0 and 1 (reading 1 done, reading 2
// half by words); Alan launched and only opened chapter 2; Barbara is on the roster only.

const words = (n: number) => `<p>${Array.from({ length: n }, () => "word").join(" ")}</p>`;

async function seedCourse() {
  const { course, integration } = await createLti13Course({ title: "Literature 101" });
  const book = await createPublication({ title: "Middlemarch", chapters: [words(100), words(200), words(300)] });
  for (const [index, title] of ["Prelude", "Book One", "Book Two"].entries()) {
    await prisma.chapter.update({ where: { publicationId_index: { publicationId: book.id, index } }, data: { title } });
  }
  const graded = await prisma.resourceLink.create({
    data: { integrationId: integration.id, courseId: course.id, linkId: "rl-1", title: "Week 1", publicationId: book.id, startChapter: 0, endChapter: 1, scoreMaximum: 10, createdAt: new Date(Date.now() - 1000) },
  });
  const whole = await prisma.resourceLink.create({ data: { integrationId: integration.id, courseId: course.id, linkId: "rl-2", publicationId: book.id } });
  // A link without a book is not a reading.
  await prisma.resourceLink.create({ data: { integrationId: integration.id, courseId: course.id, linkId: "rl-3", title: "Library" } });

  const teacher = await addMember(course, { subject: "t-1", instructor: true, nameHint: "Grace Hopper" });
  const ada = await addMember(course, { subject: "s-1", nameHint: "Ada (launch)" });
  const alan = await addMember(course, { subject: "s-2", nameHint: "Alan Turing", email: "alan@uni.test" });
  await prisma.rosterMember.createMany({
    data: [
      { courseId: course.id, subject: "s-1", name: "Ada Lovelace", email: "ada@uni.test", roles: [ROLE.learner] },
      { courseId: course.id, subject: "s-3", name: "Barbara Liskov", roles: [ROLE.learner] },
      { courseId: course.id, subject: "s-4", name: "Gone Student", roles: [ROLE.learner], status: "Deleted" },
      { courseId: course.id, subject: "s-5", name: "Dropped Student", roles: [ROLE.learner], status: "Inactive" },
      { courseId: course.id, subject: "t-2", name: "Roster Teacher", roles: [ROLE.instructor] },
    ],
  });
  const readAt = new Date("2026-03-01T10:00:00Z");
  await prisma.chapterReading.createMany({
    data: [
      { userId: ada.id, publicationId: book.id, chapterIndex: 0, activeSeconds: 30, furthest: 1, readAt, updatedAt: readAt },
      { userId: ada.id, publicationId: book.id, chapterIndex: 1, activeSeconds: 60, furthest: 1, readAt, updatedAt: new Date("2026-03-02T10:00:00Z") },
      { userId: alan.id, publicationId: book.id, chapterIndex: 2, activeSeconds: 5, furthest: 0.1, updatedAt: readAt },
    ],
  });
  return { course, integration, book, graded, whole, teacher, ada, alan };
}

beforeEach(() => {
  vi.useRealTimers();
});

describe("getInstructorView", () => {
  it("lists the readings and the class's learners (roster and launches) with each one's progress", async () => {
    const { course, teacher, graded, whole, ada, alan } = await seedCourse();
    const view = await getInstructorView({ userId: teacher.id, courseId: course.id });

    expect(view.readings.map((r) => [r.title, r.book.title, r.range, r.chapters, r.graded, r.scoreMaximum])).toEqual([
      ["Week 1", "Middlemarch", "Prelude – Book One", 2, true, 10],
      ["Middlemarch", "Middlemarch", "Whole book", 3, false, null],
    ]);
    expect(view.readings[0]!.href).toBe(`/read/${view.readings[0]!.book.slug}?link=${graded.id}`);

    expect(view.students.map((s) => [s.name, s.email, s.launched, s.inactive])).toEqual([
      ["Ada Lovelace", "ada@uni.test", true, false],
      ["Alan Turing", "alan@uni.test", true, false],
      ["Barbara Liskov", null, false, false],
      ["Dropped Student", null, false, true],
    ]);
    const keys = Object.fromEntries(view.students.map((s) => [s.name, s.key]));
    expect(keys["Ada Lovelace"]).toBe(ada.id);
    expect(keys["Barbara Liskov"]).toBe("roster:s-3");

    const week1 = view.progress.get(graded.id)!;
    expect(week1.get(ada.id)).toMatchObject({ status: "done", share: 1, activeSeconds: 90, readChapters: 2, totalChapters: 2 });
    expect(week1.get(ada.id)!.lastReadAt).toEqual(new Date("2026-03-02T10:00:00Z"));
    // Alan read nothing inside chapters 0–1.
    expect(week1.get(alan.id)).toMatchObject({ status: "not-started", share: 0, activeSeconds: 0 });
    expect(week1.get("roster:s-3")).toMatchObject({ status: "not-started" });
    expect(view.readings[0]!.counts).toEqual({ done: 1, reading: 0, "not-started": 3 });

    const book = view.progress.get(whole.id)!;
    expect(book.get(ada.id)!.status).toBe("reading");
    expect(book.get(ada.id)!.share).toBeCloseTo(300 / 600);
    expect(book.get(alan.id)).toMatchObject({ status: "reading", share: 0, activeSeconds: 5 });
    expect(view.readings[1]!.counts).toEqual({ done: 0, reading: 2, "not-started": 2 });
  });

  it("takes a handful of statements whatever the class size", async () => {
    const { course, teacher } = await seedCourse();
    for (let i = 0; i < 30; i++) await addMember(course, { subject: `extra-${i}` });
    const query = vi.spyOn(pool, "query");
    try {
      const view = await getInstructorView({ userId: teacher.id, courseId: course.id });
      expect(view.students.length).toBe(34);
      expect(query.mock.calls.length).toBeLessThanOrEqual(4);
    } finally {
      query.mockRestore();
    }
  });

  it("is the course's instructors' and store admins' only", async () => {
    const { course, ada } = await seedCourse();
    const other = await createLti13Course({ title: "Other course" });
    const otherTeacher = await addMember(other.course, { subject: "t-9", instructor: true });
    const stranger = await createUser();
    const admin = await createAdminUser();

    await expect(getInstructorView({ userId: otherTeacher.id, courseId: course.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getInstructorView({ userId: ada.id, courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getInstructorView({ userId: stranger.id, courseId: course.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudentDetail({ userId: otherTeacher.id, courseId: course.id, studentKey: ada.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudentDetail({ userId: ada.id, courseId: course.id, studentKey: ada.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getInstructorView({ userId: admin.id, courseId: course.id })).students).toHaveLength(4);
  });
});

describe("getStudentDetail", () => {
  it("shows one student's readings chapter by chapter", async () => {
    const { course, teacher, ada, graded, whole } = await seedCourse();
    const detail = await getStudentDetail({ userId: teacher.id, courseId: course.id, studentKey: ada.id });
    expect(detail.student.name).toBe("Ada Lovelace");
    const [week1, book] = detail.readings;
    expect(week1!.reading.id).toBe(graded.id);
    expect(week1!.chapters.map((c) => [c.title, c.read, c.activeSeconds])).toEqual([["Prelude", true, 30], ["Book One", true, 60]]);
    expect(book!.reading.id).toBe(whole.id);
    expect(book!.chapters.map((c) => c.read)).toEqual([true, true, false]);
    expect(book!.progress.status).toBe("reading");
  });

  it("shows a roster-only student as not started, and nobody outside the class", async () => {
    const { course, teacher } = await seedCourse();
    const detail = await getStudentDetail({ userId: teacher.id, courseId: course.id, studentKey: "roster:s-3" });
    expect(detail.student.name).toBe("Barbara Liskov");
    expect(detail.readings.every((r) => r.progress.status === "not-started" && r.chapters.every((c) => !c.read))).toBe(true);
    await expect(getStudentDetail({ userId: teacher.id, courseId: course.id, studentKey: teacher.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudentDetail({ userId: teacher.id, courseId: course.id, studentKey: "roster:t-2" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a learner's own course", () => {
  it("shows their readings with their own progress only", async () => {
    const { course, ada, alan, graded } = await seedCourse();
    const mine = await getMyCourseReadings({ userId: alan.id, courseId: course.id });
    expect(mine.readings.map((r) => [r.id, r.progress.status])).toEqual([[graded.id, "not-started"], [expect.any(String), "reading"]]);
    expect(mine.readings[1]!.progress.activeSeconds).toBe(5);
    const adas = await getMyCourseReadings({ userId: ada.id, courseId: course.id });
    expect(adas.readings[0]!.progress).toMatchObject({ status: "done", share: 1 });

    expect(await listMyCourses(alan.id)).toEqual([expect.objectContaining({ id: course.id, title: "Literature 101", instructor: false, readings: 2 })]);
  });

  it("is not shown to people outside the course", async () => {
    const { course } = await seedCourse();
    const other = await createLti13Course();
    const outsider = await addMember(other.course, { subject: "x-1" });
    await expect(getMyCourseReadings({ userId: outsider.id, courseId: course.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
