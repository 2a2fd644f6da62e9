import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { courseName } from "@/lib/courses/course-access";
import { getStudentDetail, type StudentDetail } from "@/lib/courses/instructor-view";
import { formatActive, formatWhen, percent } from "../../../../_components/format";
import { ShareBar, StatusBadge } from "../../../../_components/status-badge";

export const metadata: Metadata = { title: "Student" };

const params = z.object({ courseId: z.string().min(1).max(100), studentKey: z.string().min(1).max(1100) });

/** A student's key in the URL: a user id, or "roster:<subject>" (encoded) for someone who never launched. */
function decodeKey(raw: string): string {
  try {
    return raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

/** One student of the course, reading by reading and chapter by chapter (instructors only). */
export default async function StudentPage(props: { params: Promise<{ courseId: string; studentKey: string }> }) {
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const { courseId } = parsed.data;
  const studentKey = decodeKey(parsed.data.studentKey);
  const base = `/course/${encodeURIComponent(courseId)}`;
  const user = await requirePageUser(`${base}/students/${encodeURIComponent(studentKey)}`);
  let detail: StudentDetail;
  try {
    detail = await getStudentDetail({ userId: user.id, courseId, studentKey });
  } catch (error) {
    // A learner gets the same answer as a stranger: nothing here for them.
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const { student } = detail;
  return (
    <>
      <Link href={base} className="text-sm text-brand underline">← {courseName(detail.course)}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{student.name}</h1>
      <p className="text-sm text-stone-500">
        {[student.email, student.inactive ? "inactive in the LMS" : null, student.launched ? null : "has not opened Folio from the course yet"].filter(Boolean).join(" · ")}
      </p>
      {detail.readings.length === 0 && <p className="mt-6 text-sm text-stone-600">The course has no readings yet.</p>}
      {detail.readings.map(({ reading, progress, chapters }) => (
        <section key={reading.id} className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">{reading.title}</h2>
            <StatusBadge status={progress.status} />
          </div>
          <p className="text-sm text-stone-500">{reading.book.title} · {reading.range}</p>
          <p className="mt-2 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm text-stone-600">
            <ShareBar share={progress.share} />
            <span>Active time: {formatActive(progress.activeSeconds)}</span>
            <span>Last read: {formatWhen(progress.lastReadAt)}</span>
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-500">
              <tr><th className="py-1 pr-4">{reading.unit === "page" ? "Page" : "Chapter"}</th><th className="py-1 pr-4">Read</th><th className="py-1 pr-4">Furthest</th><th className="py-1 pr-4 text-right">Active time</th></tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {chapters.map((c) => (
                <tr key={c.index}>
                  <td className="py-1 pr-4">{reading.unit === "page" ? `Page ${c.index + 1}` : c.title || `Part ${c.index + 1}`}</td>
                  <td className="py-1 pr-4">{c.read ? "✓ read" : "—"}</td>
                  <td className="py-1 pr-4 tabular-nums">{c.furthest > 0 ? percent(c.furthest) : "—"}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{formatActive(c.activeSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
