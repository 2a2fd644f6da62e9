import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import CoursePage from "@/app/(courses)/course/[courseId]/page";
import StudentPage from "@/app/(courses)/course/[courseId]/students/[studentKey]/page";
import { InstructorCourse } from "@/app/(courses)/course/[courseId]/_components/instructor-course";
import { LearnerCourse } from "@/app/(courses)/course/[courseId]/_components/learner-course";
import { refreshRosterAction } from "@/app/(courses)/course/[courseId]/actions";
import { GET as exportCsv } from "@/app/api/courses/[courseId]/export/route";
import { csvCell } from "@/lib/courses/course-csv";
import { createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { addMember, createLti13Course, ROLE } from "./helpers";

async function seed() {
  const { course, integration } = await createLti13Course({ title: "Chemistry, year 1" });
  const book = await createPublication({ title: "Atoms" });
  const link = await prisma.resourceLink.create({ data: { integrationId: integration.id, courseId: course.id, linkId: "rl-1", title: "=Week 1", publicationId: book.id } });
  const teacher = await addMember(course, { subject: "t-1", instructor: true });
  const learner = await addMember(course, { subject: "s-1", nameHint: "Smith, \"Jo\"" });
  await prisma.rosterMember.createMany({
    data: [
      { courseId: course.id, subject: "s-2", name: "=HYPERLINK(\"http://evil.test\",\"x\")", email: "@evil.test", roles: [ROLE.learner] },
      { courseId: course.id, subject: "s-3", name: "+1 Plus", email: "-minus@uni.test", roles: [ROLE.learner] },
    ],
  });
  await prisma.chapterReading.create({ data: { userId: learner.id, publicationId: book.id, chapterIndex: 0, activeSeconds: 150, furthest: 1, readAt: new Date(), updatedAt: new Date("2026-03-02T10:05:00Z") } });
  return { course, link, teacher, learner };
}

const courseParams = (courseId: string, link?: string) => ({ params: Promise.resolve({ courseId }), searchParams: Promise.resolve<Record<string, string>>(link ? { link } : {}) });

async function notFoundOf(run: Promise<unknown>): Promise<boolean> {
  try {
    await run;
    return false;
  } catch (error) {
    if (String((error as { digest?: string }).digest ?? "").includes(";404")) return true;
    throw error;
  }
}

describe("csvCell", () => {
  it("defuses formulas and quotes separators", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=1,2")).toBe("\"'=1,2\"");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});

describe("GET /api/courses/<id>/export", () => {
  it("streams the table for an instructor, every hostile cell defused", async () => {
    const { course, teacher } = await seed();
    await signInAs(teacher);
    const response = await exportCsv(new Request(`http://localhost:3000/api/courses/${course.id}/export`), { params: Promise.resolve({ courseId: course.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Chemistry-year-1-progress.csv"');
    const lines = (await response.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toEqual([
      "Name,Email,Reading,Status,Share read (%),Active minutes,Last read (UTC)",
      "'+1 Plus,'-minus@uni.test,'=Week 1,not started,0,0,",
      "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",'@evil.test,'=Week 1,not started,0,0,",
      "\"Smith, \"\"Jo\"\"\",,'=Week 1,reading,50,3,2026-03-02 10:05",
    ]);
  });

  it("refuses learners, other courses' instructors and visitors", async () => {
    const { course, learner } = await seed();
    const call = () => exportCsv(new Request(`http://localhost:3000/api/courses/${course.id}/export`), { params: Promise.resolve({ courseId: course.id }) });
    expect((await call()).status).toBe(401);
    await signInAs(learner);
    expect((await call()).status).toBe(403);
    const other = await createLti13Course();
    await signInAs(await addMember(other.course, { subject: "t-9", instructor: true }));
    expect((await call()).status).toBe(404);
  });
});

describe("/course/<id>", () => {
  it("shows the instructor the class, pre-selecting the launched reading", async () => {
    const { course, teacher, link } = await seed();
    await signInAs(teacher);
    const page = (await CoursePage(courseParams(course.id, link.id))) as React.ReactElement<{ view: { students: unknown[] }; link: string }>;
    expect(page.type).toBe(InstructorCourse);
    expect(page.props.link).toBe(link.id);
    expect(page.props.view.students).toHaveLength(3);
  });

  it("shows a learner their own readings, and nothing to people outside the course", async () => {
    const { course, learner } = await seed();
    await signInAs(learner);
    const page = (await CoursePage(courseParams(course.id))) as React.ReactElement<{ data: { readings: { progress: { status: string } }[] } }>;
    expect(page.type).toBe(LearnerCourse);
    expect(page.props.data.readings.map((r) => r.progress.status)).toEqual(["reading"]);

    await signInAs(await createUser());
    expect(await notFoundOf(CoursePage(courseParams(course.id)))).toBe(true);
  });

  it("gives the per-student page to instructors only", async () => {
    const { course, teacher, learner } = await seed();
    const studentParams = (studentKey: string) => ({ params: Promise.resolve({ courseId: course.id, studentKey }) });
    await signInAs(learner);
    expect(await notFoundOf(StudentPage(studentParams(learner.id)))).toBe(true);
    await signInAs(teacher);
    expect(await notFoundOf(StudentPage(studentParams("roster%3As-3")))).toBe(false);
  });

  it("answers the refresh button with a sentence when the LMS shared no roster", async () => {
    const { course, teacher, learner } = await seed();
    await signInAs(learner);
    expect(await refreshRosterAction(course.id, { ok: false, message: null })).toEqual({ ok: false, message: "Only the course's instructors can see the class's progress." });
    await signInAs(teacher);
    const state = await refreshRosterAction(course.id, { ok: false, message: null });
    expect(state.ok).toBe(false);
    expect(state.message).toContain("share names and roles");
  });
});
