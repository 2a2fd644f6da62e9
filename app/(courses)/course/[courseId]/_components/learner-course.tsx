import Link from "next/link";
import { courseName } from "@/lib/courses/course-access";
import type { MyCourseReadings } from "@/lib/courses/my-courses";
import { formatActive, formatWhen } from "../../../_components/format";
import { ShareBar, StatusBadge } from "../../../_components/status-badge";

/** A learner's readings in the course, each with how far they are; nobody else's. */
export function LearnerCourse({ data: { course, readings } }: { data: MyCourseReadings }) {
  return (
    <>
      <p className="text-sm text-stone-500">{course.label ?? "Course"}</p>
      <h1 className="text-2xl font-semibold">{courseName(course)}</h1>
      <h2 className="mt-8 text-lg font-semibold">Your readings</h2>
      {readings.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">Your instructor has not assigned any readings in Folio yet.</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {readings.map((r) => (
            <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={r.href} className="text-base font-medium text-brand underline">{r.title}</Link>
                <StatusBadge status={r.progress.status} />
              </div>
              <p className="text-sm text-stone-500">{r.book.title}, {r.book.author} · {r.range}{r.graded ? " · graded" : ""}</p>
              <p className="mt-2 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm text-stone-600">
                <ShareBar share={r.progress.share} />
                {r.chapters > 0 && <span>{r.progress.readChapters} of {r.chapters} {r.unit}{r.chapters === 1 ? "" : "s"} read</span>}
                <span>Active time: {formatActive(r.progress.activeSeconds)}</span>
                {r.progress.lastReadAt && <span>Last read {formatWhen(r.progress.lastReadAt)}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
