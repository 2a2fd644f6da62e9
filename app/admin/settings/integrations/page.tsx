import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { getUnattributedFailureCount, listIntegrations } from "@/lib/integrations/admin";
import { IntegrationsTable } from "./_components/integrations-table";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requirePageAdmin("/admin/settings/integrations");
  const [integrations, unattributed, { deleted }] = await Promise.all([listIntegrations(), getUnattributedFailureCount(), searchParams]);
  return (
    <>
      <p className="text-xs uppercase tracking-wide text-stone-600">Settings</p>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Integrations</h1>
          <p className="mt-1 text-stone-600">Connect a school&apos;s learning platform: students who click the link in their course land in the library with an account of their own.</p>
        </div>
        <Link href="/admin/settings/integrations/new" className="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-orange-900">Create integration</Link>
      </div>
      {deleted && (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          “{deleted}” was deleted. The people who came in through it keep their accounts, access and notes.
        </p>
      )}
      {unattributed > 0 && (
        <p className="mt-4 text-sm text-stone-600">
          {unattributed.toLocaleString("en")} launch{unattributed === 1 ? "" : "es"} in the last 24 hours could not be tied to any integration (unknown platform, expired or forged launch) and {unattributed === 1 ? "is" : "are"} not counted below.
        </p>
      )}
      <div className="mt-6">
        {integrations.length ? <IntegrationsTable integrations={integrations} /> : (
          <div className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center">
            <p className="font-medium">No integrations yet</p>
            <p className="mt-1 text-sm text-stone-600">Create one for each LMS (Moodle, Canvas, Schoology, Blackboard, Brightspace) that should open Folio.</p>
            <Link href="/admin/settings/integrations/new" className="mt-4 inline-block text-sm font-medium text-brand hover:underline">Create the first integration →</Link>
          </div>
        )}
      </div>
    </>
  );
}
