import Link from "next/link";
import { courseName } from "@/lib/courses/course-access";
import type { InstructorView } from "@/lib/courses/instructor-view";
import type { RosterRefresh } from "@/lib/courses/roster";
import { formatActive, formatWhen } from "../../../_components/format";
import { ShareBar, StatusBadge } from "../../../_components/status-badge";
import { RefreshRosterButton } from "./refresh-roster-button";

const th = "px-4 py-2";
const td = "px-4 py-2 tabular-nums";

/** The course's readings, then the class's progress on the chosen one. */
export function InstructorCourse({ view, rosterProblem, link }: { view: InstructorView; rosterProblem: RosterRefresh | null; link?: string }) {
  const courseId = view.course.id;
  const selected = view.readings.find((r) => r.id === link) ?? view.readings[0];
  const base = `/course/${encodeURIComponent(courseId)}`;
  const table = selected ? view.progress.get(selected.id)! : null;
  const lti11 = view.course.integrationKind === "LTI11";
  return (
    <>
      <p className="text-sm text-stone-500">{view.course.label ?? "Course"}</p>
      <h1 className="text-2xl font-semibold">{courseName(view.course)}</h1>

      <section className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-stone-600">
        <span>
          {view.students.length} {view.students.length === 1 ? "student" : "students"}
          {lti11 ? "" : view.course.rosterFetchedAt ? `; roster from the LMS as of ${formatWhen(view.course.rosterFetchedAt)}` : "; no roster from the LMS yet"}
        </span>
        {!lti11 && <RefreshRosterButton courseId={courseId} />}
        <a href={`/api/courses/${encodeURIComponent(courseId)}/export`} className="font-medium text-brand underline">Download CSV</a>
      </section>
      {rosterProblem && !rosterProblem.ok && (
        <p role="alert" className="mt-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {rosterProblem.message}{lti11 ? "" : " Until then, only students who opened Folio from the course are listed."}
        </p>
      )}

      <h2 className="mt-8 text-lg font-semibold">Readings</h2>
      {view.readings.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">No readings yet: add one from your course with Folio&apos;s link picker.</p>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
              <tr><th className={th}>Reading</th><th className={th}>Range</th><th className={th}>Graded</th><th className={`${th} text-right`}>Done</th><th className={`${th} text-right`}>Reading</th><th className={`${th} text-right`}>Not started</th></tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {view.readings.map((r) => (
                <tr key={r.id} className={r.id === selected?.id ? "bg-brand-light" : undefined}>
                  <td className="px-4 py-2">
                    <Link href={`${base}?link=${encodeURIComponent(r.id)}`} className="font-medium text-brand underline" aria-current={r.id === selected?.id ? "true" : undefined}>{r.title}</Link>
                    {r.title !== r.book.title && <span className="block text-stone-500">{r.book.title}, {r.book.author}</span>}
                  </td>
                  <td className="px-4 py-2">{r.range}</td>
                  <td className="px-4 py-2">{r.graded ? (r.scoreMaximum !== null ? `out of ${r.scoreMaximum}` : "yes") : "no"}</td>
                  <td className={`${td} text-right`}>{r.counts.done}</td>
                  <td className={`${td} text-right`}>{r.counts.reading}</td>
                  <td className={`${td} text-right`}>{r.counts["not-started"]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {selected && table && (
        <section className="mt-8">
          <h2 className="text-lg font-semibold">{selected.title}: the class</h2>
          <p className="text-sm text-stone-500">{selected.book.title}, {selected.range}</p>
          <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
                <tr><th className={th}>Student</th><th className={th}>Status</th><th className={th}>Read</th><th className={`${th} text-right`}>Active time</th><th className={th}>Last read</th></tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {view.students.map((s) => {
                  const p = table.get(s.key)!;
                  return (
                    <tr key={s.key}>
                      <td className="px-4 py-2">
                        {/* A plain link: 500 rows of next/link would each be a client component to serialize and hydrate. */}
                        <a href={`${base}/students/${encodeURIComponent(s.key)}`} className="font-medium hover:underline">{s.name}</a>
                        {s.inactive && <span className="ml-2 text-xs text-stone-500">(inactive in the LMS)</span>}
                        {s.email && <span className="block text-xs text-stone-500">{s.email}</span>}
                      </td>
                      <td className="px-4 py-2"><StatusBadge status={p.status} /></td>
                      <td className="px-4 py-2"><ShareBar share={p.share} /></td>
                      <td className={`${td} text-right`}>{formatActive(p.activeSeconds)}</td>
                      <td className="px-4 py-2 text-stone-600">{formatWhen(p.lastReadAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {view.students.length === 0 && <p className="px-4 py-6 text-center text-sm text-stone-500">No students yet: they appear once the LMS shares the roster or they open Folio from the course.</p>}
          </div>
        </section>
      )}
    </>
  );
}
