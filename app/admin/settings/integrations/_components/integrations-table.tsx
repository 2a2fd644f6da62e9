import Link from "next/link";
import type { IntegrationSummary } from "@/lib/integrations/queries";
import { formatTime, timeAgo } from "./format";
import { KindLabel, StatusBadge } from "./status-badge";

export function IntegrationsTable({ integrations }: { integrations: IntegrationSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th className="px-4 py-2">Name</th><th className="px-4 py-2">Kind</th><th className="px-4 py-2">Status</th><th className="px-4 py-2">Access</th>
            <th className="px-4 py-2 text-right">Launches</th><th className="px-4 py-2 text-right">Users</th><th className="px-4 py-2">Last launch</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {integrations.map((i) => (
            <tr key={i.id} className="hover:bg-stone-50">
              <td className="px-4 py-2">
                <Link href={`/admin/settings/integrations/${i.id}`} className="font-medium text-brand hover:underline">{i.name}</Link>
              </td>
              <td className="px-4 py-2"><KindLabel kind={i.kind} /></td>
              <td className="px-4 py-2"><StatusBadge enabled={i.enabled} missing={i.missing} /></td>
              <td className="px-4 py-2">{i.access.kind === "FULL" ? "Full access" : `Plan ${i.access.plan?.name ?? "—"}`}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {i.launches}
                {i.failures > 0 && <span className="ml-1 text-xs text-red-700" title="Failed launches">({i.failures} failed)</span>}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{i.users}</td>
              <td className="px-4 py-2 text-stone-600" title={formatTime(i.lastLaunchAt)}>{timeAgo(i.lastLaunchAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
