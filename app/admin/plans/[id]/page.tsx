import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAdmin } from "@/lib/auth/session";
import { getPlanForAdmin } from "@/lib/plans/plan-admin";
import { listPublicationsForAdmin } from "@/lib/publications/admin-list";
import { listCollections } from "@/lib/publications/metadata";
import { Section } from "@/components/ui/section";
import { updatePlanAction } from "../actions";
import { PlanForm } from "../_components/plan-form";

export const metadata: Metadata = { title: "Edit plan" };

export default async function EditPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageAdmin(`/admin/plans/${id}`);
  const [plan, publications, collections] = await Promise.all([getPlanForAdmin(id), listPublicationsForAdmin(), listCollections()]);
  if (!plan) notFound();
  return (
    <>
      <Link href="/admin/plans" className="text-sm text-brand hover:underline">← Plans</Link>
      <h1 className="mt-3 text-2xl font-semibold">{plan.name}</h1>
      <p className="mt-1 text-stone-600">Changes apply at once to everyone who holds this plan, and to integrations that hand it out.</p>
      <div className="mt-6">
        <Section title="Plan">
          <PlanForm action={updatePlanAction.bind(null, plan.id)} publications={publications.map(({ slug, title, author, published }) => ({ slug, title, author, published })).sort((a, b) => a.title.localeCompare(b.title))}
            collections={collections.map((c) => ({ slug: c.slug, name: c.name, count: c._count.publications }))} plan={plan} submitLabel="Save plan" />
        </Section>
      </div>
    </>
  );
}
