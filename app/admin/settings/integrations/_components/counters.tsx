import type { IntegrationDetail } from "@/lib/integrations/queries";
import { formatTime, timeAgo } from "./format";

/** Launches, people, failures and the last launch, at a glance. */
export function Counters({ detail }: { detail: IntegrationDetail }) {
  const items = [
    { label: "Launches", value: detail.launches.toLocaleString("en") },
    { label: "Users", value: detail.users.toLocaleString("en") },
    { label: "Failed launches", value: detail.failures.toLocaleString("en"), alert: detail.failures > 0 },
    { label: "Last launch", value: timeAgo(detail.lastLaunchAt), title: formatTime(detail.lastLaunchAt) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map((i) => (
        <div key={i.label} className="rounded-lg border border-stone-200 bg-white px-4 py-3 shadow-sm">
          <dt className="text-xs uppercase tracking-wide text-stone-600">{i.label}</dt>
          <dd title={i.title} className={`mt-1 text-xl font-semibold tabular-nums sm:text-2xl ${i.alert ? "text-red-700" : "text-stone-900"}`}>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
