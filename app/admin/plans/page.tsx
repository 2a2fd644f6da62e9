import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { countPlanHolders } from "@/lib/plans/plan-admin";
import { listPlans } from "@/lib/plans/plans";
import { listPublicationsForAdmin } from "@/lib/publications/admin-list";
import { listCollections } from "@/lib/publications/metadata";
import { Section } from "@/components/ui/section";
import { createPlanAction } from "./actions";
import { PlanForm } from "./_components/plan-form";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await requirePageAdmin("/admin/plans");
  const [plans, holders, publications, collections, { saved }] = await Promise.all([listPlans(), countPlanHolders(), listPublicationsForAdmin(), listCollections(), searchParams]);
  const titles = new Map(publications.map((p) => [p.slug, p.title]));
  const created = plans.find((p) => p.id === saved);
  return (
    <>
      <h1 className="text-2xl font-semibold">Plans</h1>
      <p className="mt-1 text-stone-600">A plan groups publications. Integrations can give a plan to every student who launches from the course.</p>
      {created && <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">Plan “{created.name}” created.</p>}
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {plans.map((p) => {
          const h = holders.get(p.id) ?? { people: 0, integrations: 0 };
          return (
            <li key={p.id} className="flex flex-col rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <div>
                  <p className="font-semibold">{p.name}</p>
                  <p className="font-mono text-xs text-stone-600">{p.slug}</p>
                </div>
                <Link href={`/admin/plans/${p.id}`} className="text-sm font-medium text-brand hover:underline">Edit</Link>
              </div>
              <p className="mt-2 text-sm text-stone-700">
                {p.allPublications ? "All publications" : p.publications.length ? p.publications.map((s) => titles.get(s) ?? s).join(", ") : "No publications yet"}
              </p>
              <p className="mt-auto pt-3 text-xs text-stone-600">
                {h.people} {h.people === 1 ? "person" : "people"} · {h.integrations} {h.integrations === 1 ? "integration" : "integrations"}
              </p>
            </li>
          );
        })}
        {plans.length === 0 && <li className="text-stone-600">No plans yet.</li>}
      </ul>
      <div className="mt-8">
        <Section title="Create a plan">
          <PlanForm action={createPlanAction} publications={publications.map(({ slug, title, author, published }) => ({ slug, title, author, published })).sort((a, b) => a.title.localeCompare(b.title))}
            collections={collections.map((c) => ({ slug: c.slug, name: c.name, count: c._count.publications }))} submitLabel="Create plan" />
        </Section>
      </div>
    </>
  );
}
