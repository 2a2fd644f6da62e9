import { prisma } from "@/lib/db";
import { generatePublicId } from "@/lib/auth/public-id";
import { createSessionCookie } from "@/lib/auth/session-cookie";
import { secondsToRead } from "@/lib/courses/reading-share";
import { SCOPE } from "@/lib/lti/claims";

// A course as an instructor of a large class sees it: learners who launched (User, LtiIdentity,
// CourseMembership) and are on the NRPS roster (RosterMember), graded readings over the demo
// books with assigned ranges, and each learner's chapter readings: some not started, some part
// way, some done. Written in bulk (createMany), not through the launch: the launch is
// bench:launch's subject, this is what a term of launches and reading leaves behind.

const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const CHAPTERS_PER_READING = 6;
const CHUNK = 2000;

export type BenchCourse = {
  courseId: string;
  links: { id: string; lineItemUrl: string }[];
  students: { userId: string; subject: string }[];
  instructorCookie: string;
};

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** A deterministic 0..1 per (student, reading), so runs are comparable. */
function draw(student: number, reading: number): number {
  const x = Math.sin(student * 12.9898 + reading * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * Creates the course on `integrationId` with `studentCount` learners and `readingCount` graded
 * readings whose line items `lineItemFor(i)` names (the platform's, as a deep link with a line
 * item makes them), and returns a session cookie of its instructor.
 */
export async function createBenchCourse(options: {
  integrationId: string; platformKey: string; studentCount: number; readingCount: number; lineItemFor: (i: number) => string;
}): Promise<BenchCourse> {
  const { integrationId, platformKey, studentCount, readingCount } = options;
  const course = await prisma.course.create({
    data: {
      integrationId, contextId: "bench-course", title: "Nineteenth-Century Novels", label: "ENG 250",
      membershipsUrl: "http://127.0.0.1:9/memberships", rosterFetchedAt: new Date(),
    },
  });

  // People: the instructor first, then the learners.
  const people = Array.from({ length: studentCount + 1 }, (_, i) => {
    const instructor = i === 0;
    const n = String(i).padStart(4, "0");
    return {
      id: `bench-user-${n}`, subject: instructor ? "bench-instructor" : `bench-student-${n}`, instructor,
      name: instructor ? "Iris Instructor" : `Student ${n} Learner`, email: instructor ? "iris@school.example" : `student${n}@school.example`,
    };
  });
  await inChunks(people, (chunk) => prisma.user.createMany({ data: chunk.map((p) => ({ id: p.id, publicId: generatePublicId(), name: p.name })) }));
  await inChunks(people, (chunk) => prisma.ltiIdentity.createMany({
    data: chunk.map((p) => ({ userId: p.id, integrationId, platformKey, subject: p.subject, nameHint: p.name, emailHint: p.email })),
  }));
  await inChunks(people, (chunk) => prisma.courseMembership.createMany({
    data: chunk.map((p) => ({ courseId: course.id, userId: p.id, subject: p.subject, roles: [p.instructor ? INSTRUCTOR : LEARNER], instructor: p.instructor })),
  }));
  await inChunks(people, (chunk) => prisma.rosterMember.createMany({
    data: chunk.map((p) => ({ courseId: course.id, subject: p.subject, name: p.name, email: p.email, roles: [p.instructor ? INSTRUCTOR : LEARNER] })),
  }));

  // Readings: consecutive ranges of each demo book in turn, so no two readings share a chapter.
  const books = await prisma.publication.findMany({
    where: { published: true }, orderBy: { slug: "asc" },
    select: { id: true, title: true, chapters: { select: { index: true, wordCount: true }, orderBy: { index: "asc" } } },
  });
  if (books.length === 0) throw new Error("no published books to assign");
  const next = new Map(books.map((b) => [b.id, 1]));
  const readings: { publicationId: string; start: number; end: number; words: number[] }[] = [];
  for (let i = 0; i < readingCount; i++) {
    const book = [...books.slice(i % books.length), ...books].find((b) => next.get(b.id)! + CHAPTERS_PER_READING <= b.chapters.length);
    if (!book) throw new Error("the demo books have too few chapters for this many readings");
    const start = next.get(book.id)!;
    const end = start + CHAPTERS_PER_READING - 1;
    next.set(book.id, end + 1);
    readings.push({ publicationId: book.id, start, end, words: book.chapters.slice(start, end + 1).map((c) => c.wordCount) });
  }
  const links = await prisma.$transaction(readings.map((r, i) => prisma.resourceLink.create({
    data: {
      integrationId, courseId: course.id, linkId: `bench-link-${i + 1}`, title: `Week ${i + 1} reading`,
      publicationId: r.publicationId, startChapter: r.start, endChapter: r.end,
      lineItemUrl: options.lineItemFor(i), agsScopes: [SCOPE.lineItem, SCOPE.resultReadOnly, SCOPE.score], scoreMaximum: 10,
    },
    select: { id: true, lineItemUrl: true },
  })));

  // Chapter readings: per student and reading, about 30% not started, 40% part way, 30% done.
  const now = Date.now();
  const rows: { userId: string; publicationId: string; chapterIndex: number; activeSeconds: number; furthest: number; readAt: Date | null; updatedAt: Date }[] = [];
  people.slice(1).forEach((p, s) => {
    readings.forEach((r, i) => {
      const d = draw(s, i);
      if (d < 0.3) return;
      const read = d >= 0.7 ? r.words.length : Math.floor(((d - 0.3) / 0.4) * r.words.length);
      const when = new Date(now - Math.floor(d * 14 * 86_400_000));
      // Chapters before `read` are read; the one at `read` (if any) is part way.
      for (let c = 0; c < Math.min(read + 1, r.words.length); c++) {
        const done = c < read;
        rows.push({
          userId: p.id, publicationId: r.publicationId, chapterIndex: r.start + c,
          activeSeconds: done ? secondsToRead(r.words[c]!) + 30 : 90, furthest: done ? 1 : 0.4,
          readAt: done ? when : null, updatedAt: when,
        });
      }
    });
  });
  await inChunks(rows, (chunk) => prisma.chapterReading.createMany({ data: chunk, skipDuplicates: true }));

  const instructor = await prisma.user.findUniqueOrThrow({ where: { id: people[0]!.id }, select: { id: true, role: true, sessionVersion: true } });
  const instructorCookie = (await createSessionCookie(instructor)).split(";")[0]!;
  return {
    courseId: course.id,
    links: links.map((l) => ({ id: l.id, lineItemUrl: l.lineItemUrl! })),
    students: people.slice(1).map((p) => ({ userId: p.id, subject: p.subject })),
    instructorCookie,
  };
}

/** How many chapter readings, memberships and roster rows the course holds (for the report). */
export async function courseSize(courseId: string) {
  const [members, roster, links, readings] = await Promise.all([
    prisma.courseMembership.count({ where: { courseId } }),
    prisma.rosterMember.count({ where: { courseId } }),
    prisma.resourceLink.count({ where: { courseId } }),
    prisma.chapterReading.count(),
  ]);
  return { members, roster, links, readings };
}
