import type { Metadata } from "next";
import { requirePageAdmin } from "@/lib/auth/session";
import { listPlans } from "@/lib/plans/plans";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  await requirePageAdmin("/admin/plans");
  const plans = await listPlans();
  return (
    <>
      <h1 className="text-2xl font-semibold">Plans</h1>
      <p className="mt-1 text-stone-600">A plan groups publications. Integrations can give a plan to every student who launches from the course.</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {plans.map((p) => (
          <li key={p.id} className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
            <p className="font-semibold">{p.name}</p>
            <p className="font-mono text-xs text-stone-500">{p.slug}</p>
            <p className="mt-2 text-sm text-stone-700">
              {p.allPublications ? "All publications" : p.publications.length ? p.publications.join(", ") : "No publications yet"}
            </p>
          </li>
        ))}
        {plans.length === 0 && <li className="text-stone-600">No plans yet.</li>}
      </ul>
    </>
  );
}
