import type { Metadata } from "next";
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

export default async function AdminDashboard() {
  await requirePageAdmin();
  const c = await getDashboardCounts();
  return (
    <>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-1 text-stone-600">Your store at a glance.</p>
      <div className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Publications" value={c.publications} hint={`${c.published} published`} />
        <Stat label="Plans" value={c.plans} />
        <Stat label="Readers" value={c.readers} />
        <Stat label="Came through an LMS" value={c.ltiReaders} />
      </div>
    </>
  );
}
