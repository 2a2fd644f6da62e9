import type { Metadata } from "next";
import { z } from "zod";
import { requirePageAdmin } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations/admin";
import { activeReadersPerDay, statsByPerson, statsByPublication } from "@/lib/reading/admin-stats";
import { Section } from "@/components/ui/section";
import { DailyChart } from "./_components/daily-chart";
import { MostRead } from "./_components/most-read";
import { PersonStatsTable, PublicationStatsTable } from "./_components/stats-tables";
import { formatDuration } from "./_components/format";

export const metadata: Metadata = { title: "Reading statistics" };

const PERIODS = [7, 30, 90, 365] as const;
const filterSchema = z.object({
  days: z.coerce.number().pipe(z.union(PERIODS.map((p) => z.literal(p)))).catch(30),
  integration: z.string().min(1).max(64).optional().catch(undefined),
});

type Props = { searchParams: Promise<{ days?: string; integration?: string }> };

export default async function ReadingStatsPage({ searchParams }: Props) {
  await requirePageAdmin("/admin/reading");
  const { days, integration } = filterSchema.parse(await searchParams);
  const filter = { days, integrationId: integration };
  const [byPublication, byPerson, daily, integrations] = await Promise.all([
    statsByPublication(filter), statsByPerson({ ...filter, limit: 1000 }), activeReadersPerDay(filter), listIntegrations(),
  ]);
  const totals = {
    seconds: byPublication.reduce((s, r) => s + r.seconds, 0),
    sessions: byPublication.reduce((s, r) => s + r.sessions, 0),
    readers: byPerson.length,
  };
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Reading statistics</h1>
          <p className="mt-1 text-stone-600">Active reading time: counted while the reader is visible and in use. Days are UTC.</p>
        </div>
        <form className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">Period
            <select name="days" defaultValue={String(days)} className="mt-1 rounded-md border border-stone-300 bg-white px-2 py-1.5">
              {PERIODS.map((p) => <option key={p} value={p}>Last {p} days</option>)}
            </select>
          </label>
          <label className="flex flex-col">People from
            <select name="integration" defaultValue={integration ?? ""} className="mt-1 rounded-md border border-stone-300 bg-white px-2 py-1.5">
              <option value="">Everyone</option>
              {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </label>
          <button className="rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium shadow-sm hover:bg-stone-50">Show</button>
        </form>
      </div>
      <dl className="mt-6 grid gap-4 sm:grid-cols-3">
        {[["Time read", formatDuration(totals.seconds)], ["Readers", String(totals.readers)], ["Sessions", String(totals.sessions)]].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Section title="Active readers per day"><DailyChart days={daily} /></Section>
        <Section title="Most read"><MostRead rows={byPublication.slice(0, 8)} /></Section>
      </div>
      <h2 className="mt-10 text-lg font-semibold">By publication</h2>
      <div className="mt-3"><PublicationStatsTable rows={byPublication} /></div>
      <h2 className="mt-10 text-lg font-semibold">By person</h2>
      <p className="text-sm text-stone-600">The 100 most active people in the period.</p>
      <div className="mt-3"><PersonStatsTable rows={byPerson.slice(0, 100)} /></div>
    </>
  );
}
