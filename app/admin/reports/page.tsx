import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePageAdmin } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations/admin";
import { getInstitutionReport, PRESETS, presetPeriod, reportPeriodSchema, type InstitutionReport, type Preset } from "@/lib/reports/institution-report";
import { Section } from "@/components/ui/section";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/form-state";
import { formatDuration } from "@/app/admin/reading/_components/format";
import { BarChart } from "./_components/bar-chart";
import { PrintButton } from "./_components/print-button";

export const metadata: Metadata = { title: "Reports" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const presetSchema = z.enum(Object.keys(PRESETS) as [Preset, ...Preset[]]);
const control = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm shadow-sm";

const dayLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const asDate = (d: string) => new Date(`${d}T00:00:00Z`);
const hours = (seconds: number) => `${(seconds / 3600).toLocaleString("en", { maximumFractionDigits: 1 })} h`;

/** The period asked for: a preset, or from/to, else this term. */
function period(search: Search): { from: string; to: string; preset: Preset | null } {
  const preset = presetSchema.safeParse(one(search.preset));
  if (preset.success) return { ...presetPeriod(preset.data), preset: preset.data };
  const from = one(search.from);
  const to = one(search.to);
  if (from && to) return { from, to, preset: null };
  return { ...presetPeriod("term"), preset: "term" };
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageAdmin("/admin/reports");
  const search = await searchParams;
  const integrations = await listIntegrations();
  const integrationId = one(search.integration) ?? "";
  const chosen = period(search);
  const parsed = reportPeriodSchema.safeParse({ integrationId, from: chosen.from, to: chosen.to });
  const known = integrations.some((i) => i.id === integrationId);
  const report = parsed.success && known ? await getInstitutionReport(parsed.data) : null;
  const problem = integrationId && known && !parsed.success ? parsed.error.issues[0]?.message : null;

  return (
    <>
      <div className="print:hidden">
        <h1 className="text-2xl font-semibold">Reports for institutions</h1>
        <p className="mt-1 text-stone-600">
          How much an institution&apos;s people read: everyone with an account through its integration. Download it as CSV or print it to send.
        </p>
        <form className="mt-6 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-[2fr_1fr_1fr_auto]" aria-label="Choose a report">
          <label>Institution (integration)
            <select name="integration" defaultValue={integrationId} className={control} required>
              <option value="" disabled>Choose…</option>
              {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </label>
          <label>From (UTC)<input type="date" name="from" defaultValue={chosen.from} className={control} required /></label>
          <label>To (UTC, included)<input type="date" name="to" defaultValue={chosen.to} className={control} required /></label>
          <div className="flex items-end"><button className={primaryButtonClass}>Show report</button></div>
          {integrationId && (
            <p className="flex flex-wrap gap-3 sm:col-span-4">
              {(Object.keys(PRESETS) as Preset[]).map((p) => (
                <Link key={p} href={`/admin/reports?integration=${encodeURIComponent(integrationId)}&preset=${p}`}
                  aria-current={chosen.preset === p ? "true" : undefined}
                  className={`rounded-full border px-3 py-1 ${chosen.preset === p ? "border-brand bg-brand-light text-brand" : "border-stone-300 text-stone-700 hover:bg-stone-50"}`}>
                  {PRESETS[p].label}
                </Link>
              ))}
            </p>
          )}
        </form>
        {problem && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{problem}</p>}
        {integrationId && !known && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">That integration does not exist (it may have been deleted).</p>}
        {integrations.length === 0 && <p className="mt-4 text-sm text-stone-600">No integrations yet: reports are per institution.</p>}
      </div>
      {report && <Report report={report} />}
    </>
  );
}

function Report({ report }: { report: InstitutionReport }) {
  const { totals, period } = report;
  const csv = `/api/admin/reports?integration=${encodeURIComponent(report.integration.id)}&from=${period.from}&to=${period.to}`;
  const label = (start: string) => (report.bucket === "week" ? dayLabel : monthLabel).format(asDate(start));
  const unit = report.bucket === "week" ? "Week of" : "";
  const cards: [string, string][] = [
    ["Active readers", totals.activeReaders.toLocaleString("en")],
    ["Reading time", formatDuration(Math.round(totals.seconds))],
    ["Sessions", totals.sessions.toLocaleString("en")],
    ["New accounts", totals.newAccounts.toLocaleString("en")],
  ];
  return (
    <article className="mt-8 space-y-6 print:mt-0 print:space-y-4" aria-label="Report">
      {/* On paper: the report alone (the Control Panel's navigation is print:hidden), full width, no card shadows, no section split over two pages. */}
      <style>{`@media print { @page { margin: 14mm } body { background: #fff } main { max-width: none !important; padding: 0 !important } article section { break-inside: avoid; box-shadow: none } }`}</style>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm uppercase tracking-wide text-stone-500">Folio reading report</p>
          <h2 className="text-2xl font-semibold">{report.integration.name}</h2>
          <p className="text-stone-700">{longDay.format(asDate(period.from))} – {longDay.format(asDate(period.to))} (UTC)</p>
          <p className="text-xs text-stone-600">Figures as of {report.computedAt.toISOString().slice(11, 16)} UTC; a report is kept for five minutes.</p>
        </div>
        <div className="flex gap-2 print:hidden">
          <a href={csv} className={secondaryButtonClass} download>Download CSV</a>
          <PrintButton />
        </div>
      </header>
      <dl className="grid gap-4 sm:grid-cols-4 print:grid-cols-4">
        {cards.map(([name, value]) => (
          <div key={name} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm print:shadow-none">
            <dt className="text-sm text-stone-600">{name}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-stone-600">
        {totals.people.toLocaleString("en")} people had an account through this integration by the end of the period; {totals.titles.toLocaleString("en")} titles were read.
        Readers are the people with an account through the integration; a session counts in the period it started in.
      </p>
      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2">
        <Section title={`Active readers per ${report.bucket}`}>
          <BarChart label={`Active readers per ${report.bucket}`} bars={report.series.map((b) => ({ label: label(b.start), value: b.activeReaders, title: `${unit} ${label(b.start)}: ${b.activeReaders} readers, ${b.sessions} sessions`.trim() }))} />
        </Section>
        <Section title={`Reading time per ${report.bucket} (hours)`}>
          <BarChart label={`Reading time per ${report.bucket}`} format={(n) => (n / 3600).toLocaleString("en", { maximumFractionDigits: 1 })}
            bars={report.series.map((b) => ({ label: label(b.start), value: b.seconds, title: `${unit} ${label(b.start)}: ${hours(b.seconds)}, ${b.newAccounts} new accounts`.trim() }))} />
        </Section>
      </div>
      <Section title="Most read titles">
        {report.titles.length === 0 ? <p className="text-sm text-stone-500">Nothing was read in this period.</p> : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-500">
              <tr><th className="py-1">Title</th><th className="py-1 text-right">Readers</th><th className="py-1 text-right">Sessions</th><th className="py-1 text-right">Time</th></tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {report.titles.map((t) => (
                <tr key={t.publicationId}>
                  <td className="py-1.5 pr-2"><span className="font-medium">{t.title}</span> <span className="text-stone-600">· {t.author}</span></td>
                  <td className="py-1.5 text-right tabular-nums">{t.readers}</td>
                  <td className="py-1.5 text-right tabular-nums">{t.sessions}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatDuration(Math.round(t.seconds))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {report.courses.length > 0 && (
        <Section title="By course" description={`Learners are a course's members who are not its instructors; their reading in the period, whatever the book. Someone in two courses counts in both.${report.moreCourses ? " The 50 most active courses; the CSV has them all." : ""}`}>
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-500">
              <tr><th className="py-1">Course</th><th className="py-1 text-right">Learners</th><th className="py-1 text-right">Active readers</th><th className="py-1 text-right">Sessions</th><th className="py-1 text-right">Time</th></tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {report.courses.map((c) => (
                <tr key={c.courseId}>
                  <td className="py-1.5 pr-2 font-medium">{c.name}{c.label && c.label !== c.name && <span className="ml-1 font-normal text-stone-600">{c.label}</span>}</td>
                  <td className="py-1.5 text-right tabular-nums">{c.learners}</td>
                  <td className="py-1.5 text-right tabular-nums">{c.activeReaders}</td>
                  <td className="py-1.5 text-right tabular-nums">{c.sessions}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatDuration(Math.round(c.seconds))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
    </article>
  );
}
