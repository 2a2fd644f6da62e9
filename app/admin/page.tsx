import type { Metadata } from "next";
import Link from "next/link";
import { getOwnerAlerts, type OwnerAlert } from "@/lib/admin/alerts";
import { getDashboardCounts } from "@/lib/admin/dashboard";
import { requirePageAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Control Panel" };

function Stat({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
      <p className="text-sm text-stone-600">{label}</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums">{value}</p>
      {hint && <p className="mt-1 text-xs text-stone-600">{hint}</p>}
    </div>
  );
}

/** What needs the owner: what is wrong, and a link to where it is fixed. */
function Alerts({ alerts }: { alerts: OwnerAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="alerts-title" className="mt-6">
      <h2 id="alerts-title" className="sr-only">Needs your attention</h2>
      <ul className="space-y-2">
        {alerts.map((a) => (
          <li key={`${a.kind}:${a.href}`} className={`flex flex-wrap items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm ${a.severity === "error" ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}>
            <div className="min-w-0">
              <p className="font-semibold">{a.title}</p>
              <p className="mt-0.5">{a.detail}</p>
            </div>
            <Link href={a.href} className="shrink-0 font-medium underline underline-offset-2">{a.action} →</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function AdminDashboard() {
  await requirePageAdmin();
  const [c, alerts] = await Promise.all([getDashboardCounts(), getOwnerAlerts()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-1 text-stone-600">Your store at a glance.</p>
      <Alerts alerts={alerts} />
      <div className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Publications" value={c.publications} hint={`${c.published} published`} />
        <Stat label="Plans" value={c.plans} />
        <Stat label="Readers" value={c.readers} />
        <Stat label="Came through an LMS" value={c.ltiReaders} />
      </div>
    </>
  );
}
