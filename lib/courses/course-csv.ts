import "server-only";
import { getInstructorView } from "@/lib/courses/instructor-view";
import { courseName } from "@/lib/courses/course-access";

// The instructor's table as CSV, one row per student and reading. Names and emails come from
// the LMS, so a cell a spreadsheet would run as a formula is defused with a leading quote
// (OWASP "CSV injection").

const HEADER = ["Name", "Email", "Reading", "Status", "Share read (%)", "Active minutes", "Last read (UTC)"];
const STATUS = { "not-started": "not started", reading: "reading", done: "done" } as const;

/** One CSV cell: formula-like text defused, quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function fileName(title: string): string {
  const safe = title.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "course";
  return `${safe}-progress.csv`;
}

/** The course's progress table for its instructors, as a stream of CSV lines. */
export async function exportCourseCsv(options: { userId: string; courseId: string }): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const view = await getInstructorView(options);
  const encoder = new TextEncoder();
  // One chunk per reading: the whole table is built from the view's data, a reading at a time.
  let next = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === -1) controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
      else if (next < view.readings.length) {
        const reading = view.readings[next]!;
        const row = view.progress.get(reading.id)!;
        let chunk = "";
        for (const student of view.students) {
          const p = row.get(student.key)!;
          chunk += csvLine([
            student.name, student.email, reading.title, STATUS[p.status], Math.round(p.share * 100),
            Math.round(p.activeSeconds / 60), p.lastReadAt ? p.lastReadAt.toISOString().slice(0, 16).replace("T", " ") : null,
          ]);
        }
        controller.enqueue(encoder.encode(chunk));
      } else controller.close();
      next++;
    },
  });
  return { filename: fileName(courseName(view.course)), body };
}
