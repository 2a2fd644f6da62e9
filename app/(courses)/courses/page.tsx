import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { courseName } from "@/lib/courses/course-access";
import { listMyCourses } from "@/lib/courses/my-courses";

export const metadata: Metadata = { title: "My courses" };

/** The courses the person opened Folio from. */
export default async function CoursesPage() {
  const user = await requirePageUser("/courses");
  const courses = await listMyCourses(user.id);
  return (
    <>
      <h1 className="text-2xl font-semibold">My courses</h1>
      {courses.length === 0 ? (
        <p className="mt-4 text-sm text-stone-600">Courses appear here once you open Folio from one in your LMS.</p>
      ) : (
        <ul className="mt-4 divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-sm">
          {courses.map((c) => (
            <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
              <Link href={`/course/${encodeURIComponent(c.id)}`} className="font-medium text-brand underline">{courseName(c)}</Link>
              <span className="text-sm text-stone-500">
                {c.readings} {c.readings === 1 ? "reading" : "readings"}{c.instructor ? " · you teach it" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
