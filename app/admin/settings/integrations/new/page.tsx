import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { listPlans } from "@/lib/plans/plans";
import { AccessExplainer } from "../_components/access-explainer";
import { CreateIntegrationForm } from "../_components/create-form";

export const metadata: Metadata = { title: "Create integration" };

export default async function NewIntegrationPage() {
  await requirePageAdmin("/admin/settings/integrations/new");
  const plans = (await listPlans()).map((p) => ({ slug: p.slug, name: p.name }));
  return (
    <>
      <Link href="/admin/settings/integrations" className="text-sm text-brand hover:underline">← Integrations</Link>
      <h1 className="mt-2 text-2xl font-semibold">Create integration</h1>
      <p className="mt-1 text-stone-600">Name it, pick how the institution&apos;s people come in (its LMS, or anonymously by link, network or referring page), and choose what they can read.</p>
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section className="rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
          <CreateIntegrationForm plans={plans} />
        </section>
        <AccessExplainer />
      </div>
    </>
  );
}
