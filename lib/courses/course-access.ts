import "server-only";
import { AppError } from "@/lib/errors";
import { sql } from "@/lib/sql";

// Who may see what of a course: its instructors (CourseMembership.instructor, from their own
// launches) and store administrators see everyone's progress; a learner sees only their own;
// anyone else learns nothing, not even that the course exists.

export type CourseSummary = {
  id: string;
  integrationId: string;
  title: string | null;
  label: string | null;
  membershipsUrl: string | null;
  rosterFetchedAt: Date | null;
  /** The integration's LTI version: LTI 1.1 has no roster service. */
  integrationKind: "LTI13" | "LTI11";
};

export type CourseAccess = { course: CourseSummary; view: "instructor" | "learner" };

type Row = CourseSummary & { instructor: boolean | null; role: string | null };

/** The person's view of the course, or NOT_FOUND when they have none. */
export async function courseAccess(userId: string, courseId: string): Promise<CourseAccess> {
  const [row] = await sql<Row>("courses-access", `
    select c.id, c."integrationId", c.title, c.label, c."membershipsUrl", c."rosterFetchedAt", i.kind::text as "integrationKind",
           m.instructor, u.role::text as role
    from "Course" c
    join "Integration" i on i.id = c."integrationId"
    left join "CourseMembership" m on m."courseId" = c.id and m."userId" = $2
    left join "User" u on u.id = $2
    where c.id = $1`, [courseId, userId]);
  if (!row || (row.instructor === null && row.role !== "ADMIN")) throw new AppError("NOT_FOUND", "There is no such course, or you are not in it.");
  const { instructor, role, ...course } = row;
  return { course, view: instructor || role === "ADMIN" ? "instructor" : "learner" };
}

/** For the instructor's data: the course, or FORBIDDEN for its learners and NOT_FOUND for others. */
export async function requireCourseInstructor(userId: string, courseId: string): Promise<CourseSummary> {
  const access = await courseAccess(userId, courseId);
  if (access.view !== "instructor") throw new AppError("FORBIDDEN", "Only the course's instructors can see the class's progress.");
  return access.course;
}

/** The course's name as people know it. */
export function courseName(course: Pick<CourseSummary, "title" | "label">): string {
  return course.title ?? course.label ?? "Untitled course";
}
