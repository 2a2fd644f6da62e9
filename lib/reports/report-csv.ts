import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireAdmin } from "@/lib/auth/session";
import { csvLine } from "@/lib/courses/course-csv";
import { displayName } from "@/lib/users/display-name";
import { bucketFor, reportCourses, reportPeriodSchema, reportReadersBatch, reportSeries, reportTitles, reportTotals, type ReportPeriod } from "@/lib/reports/institution-report";

// The institution report as CSV, produced while it is sent: the totals first, then sections read
// from the database a batch at a time (courses by ID, readers by identity), so a year of a large
// institution never sits in memory. Cells are defused against spreadsheet formulas (csvLine).

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
const stamp = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : null);

export type ReportCsvOptions = { batchSize?: number; now?: Date };

async function* reportLines(p: ReportPeriod, name: string, options: Required<ReportCsvOptions>): AsyncGenerator<string> {
  const totals = await reportTotals(p);
  yield "\uFEFF" + [
    csvLine(["Folio institution report"]),
    csvLine(["Integration", name]),
    csvLine(["Period (UTC, inclusive)", p.from, p.to]),
    csvLine(["Generated (UTC)", stamp(options.now)]),
    csvLine(["Readers", "people with an account through this integration; a sitting counts in the period it started in"]),
    "\r\n",
    csvLine(["Totals"]),
    csvLine(["Metric", "Value"]),
    csvLine(["Active readers", totals.activeReaders]),
    csvLine(["New accounts", totals.newAccounts]),
    csvLine(["Reading time (hours)", hours(totals.seconds)]),
    csvLine(["Reading time (seconds)", totals.seconds]),
    csvLine(["Sessions", totals.sessions]),
    csvLine(["Titles read", totals.titles]),
    csvLine(["People with an account at the end of the period", totals.people]),
  ].join("");

  const unit = bucketFor(p);
  let chunk = `\r\n${csvLine([unit === "week" ? "By week (from Monday)" : "By month"])}${csvLine(["Start", "Active readers", "New accounts", "Sessions", "Reading time (hours)"])}`;
  for (const b of await reportSeries(p, unit)) chunk += csvLine([b.start, b.activeReaders, b.newAccounts, b.sessions, hours(b.seconds)]);
  yield chunk;

  chunk = `\r\n${csvLine(["Most read titles"])}${csvLine(["Title", "Author", "Readers", "Sessions", "Reading time (hours)"])}`;
  for (const t of await reportTitles(p, 1000)) chunk += csvLine([t.title, t.author, t.readers, t.sessions, hours(t.seconds)]);
  yield chunk;

  yield `\r\n${csvLine(["By course (learners: members who are not its instructors)"])}${csvLine(["Course", "Label", "Learners", "Active readers", "Sessions", "Reading time (hours)"])}`;
  let afterCourse: string | null = null;
  for (;;) {
    const courses = await reportCourses(p, { limit: options.batchSize, afterId: afterCourse, byId: true });
    if (courses.length === 0) break;
    yield courses.map((c) => csvLine([c.name, c.label, c.learners, c.activeReaders, c.sessions, hours(c.seconds)])).join("");
    if (courses.length < options.batchSize) break;
    afterCourse = courses.at(-1)!.courseId;
  }

  yield `\r\n${csvLine(["Readers"])}${csvLine(["Name", "Public ID", "LMS user ID", "First launch (UTC)", "Sessions", "Reading time (hours)", "Titles", "Last read (UTC)"])}`;
  let afterIdentity: string | null = null;
  do {
    const batch = await reportReadersBatch(p, afterIdentity, options.batchSize);
    if (batch.rows.length) {
      yield batch.rows.map((r) => csvLine([
        displayName(r), r.publicId, r.subject, stamp(r.firstLaunchAt), r.sessions, hours(r.seconds), r.titles, stamp(r.lastReadAt),
      ])).join("");
    }
    afterIdentity = batch.next;
  } while (afterIdentity);
}

/** A byte stream of CSV that asks the generator for its next piece only when the reader wants more. */
function streamOf(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        // The response has started: the download ends short, and the server log says why.
        console.warn(`Report export failed: ${error instanceof Error ? error.message : String(error)}`);
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  }, { highWaterMark: 0 });
}

function fileName(name: string, p: ReportPeriod): string {
  const safe = name.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "institution";
  return `${safe}-report-${p.from}-to-${p.to}.csv`;
}

/** The report as a CSV stream, no session check (see exportReportCsv). */
export async function reportCsvRecord(input: z.input<typeof reportPeriodSchema>, options: ReportCsvOptions = {}): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const p = reportPeriodSchema.parse(input);
  const integration = await prisma.integration.findUnique({ where: { id: p.integrationId }, select: { name: true } });
  if (!integration) throw new AppError("NOT_FOUND", "That integration does not exist (it may have been deleted).");
  const lines = reportLines(p, integration.name, { batchSize: options.batchSize ?? 1000, now: options.now ?? new Date() });
  return { filename: fileName(integration.name, p), body: streamOf(lines) };
}

export async function exportReportCsv(input: z.input<typeof reportPeriodSchema>, options: ReportCsvOptions = {}) {
  await requireAdmin();
  return reportCsvRecord(input, options);
}
