import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { courseAccess } from "@/lib/courses/course-access";
import { freshenRoster, getInstructorView } from "@/lib/courses/instructor-view";
import { getMyCourseReadings } from "@/lib/courses/my-courses";
import { InstructorCourse } from "./_components/instructor-course";
import { LearnerCourse } from "./_components/learner-course";

export const metadata: Metadata = { title: "Course" };

const params = z.object({ courseId: z.string().min(1).max(100) });
const search = z.object({ link: z.string().max(100).optional().catch(undefined) });

/**
 * Where a launch from a course lands: its instructors (and store admins) see the class's
 * progress on each reading, `?link=<ResourceLink.id>` opening that reading's table; a learner
 * sees the course's readings with their own progress.
 */
export default async function CoursePage(props: { params: Promise<{ courseId: string }>; searchParams: Promise<Record<string, string | string[]>> }) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const { courseId } = parsed.data;
  const user = await requirePageUser(`/course/${encodeURIComponent(courseId)}`);
  const { link } = search.parse(await props.searchParams);
  const data = await load(user.id, courseId);
  if (data.view === "learner") return <LearnerCourse data={data.readings} />;
  return <InstructorCourse view={data.course} rosterProblem={data.rosterProblem} link={link} />;
}

async function load(userId: string, courseId: string) {
  try {
    const access = await courseAccess(userId, courseId);
    if (access.view === "learner") return { view: "learner" as const, readings: await getMyCourseReadings({ userId, courseId }) };
    // A stale roster is fetched first, for a moment at most; a slow LMS only delays it to the next view.
    const rosterProblem = await freshenRoster({ userId, courseId });
    return { view: "instructor" as const, rosterProblem, course: await getInstructorView({ userId, courseId }) };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
