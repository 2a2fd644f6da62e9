import "server-only";
import { sql } from "@/lib/sql";
import { readingProgress } from "@/lib/courses/reading-share";
import { courseAccess, type CourseSummary } from "@/lib/courses/course-access";
import { listCourseReadings, type CourseReading } from "@/lib/courses/course-readings";
import type { Progress } from "@/lib/courses/instructor-view";

// What a person sees of their own courses: the readings and their own progress, nobody else's.

export type MyCourse = { id: string; title: string | null; label: string | null; instructor: boolean; readings: number; lastLaunchAt: Date };

/** The courses the person launched from, most recent first. */
export async function listMyCourses(userId: string): Promise<MyCourse[]> {
  return sql<MyCourse>("courses-mine", `
    select c.id, c.title, c.label, m.instructor, m."lastLaunchAt",
           (select count(*)::int from "ResourceLink" l where l."courseId" = c.id and l."publicationId" is not null) as readings
    from "CourseMembership" m join "Course" c on c.id = m."courseId"
    where m."userId" = $1
    order by m."lastLaunchAt" desc`, [userId]);
}

export type MyCourseReadings = { course: CourseSummary; readings: (CourseReading & { progress: Progress })[] };

/** The course's readings with the person's own progress; NOT_FOUND unless they are in the course. */
export async function getMyCourseReadings(options: { userId: string; courseId: string }): Promise<MyCourseReadings> {
  const { course } = await courseAccess(options.userId, options.courseId);
  const [readings, entries] = await Promise.all([
    listCourseReadings(course.id),
    readingProgress({ courseId: course.id, userId: options.userId }),
  ]);
  const byLink = new Map(entries.map((e) => [e.resourceLinkId, e]));
  return {
    course,
    readings: readings.map((reading) => {
      const p = byLink.get(reading.id);
      return {
        ...reading,
        progress: p
          ? { share: p.share, status: p.status, activeSeconds: p.activeSeconds, lastReadAt: p.lastReadAt, readChapters: p.readChapters, totalChapters: p.totalChapters }
          : { share: 0, status: "not-started", activeSeconds: 0, lastReadAt: null, readChapters: 0, totalChapters: 0 },
      };
    }),
  };
}
