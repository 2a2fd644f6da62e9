import type { PublicationStatsRow } from "@/lib/reading/admin-stats";
import { formatDuration } from "./format";

/** The most read publications by active time, as CSS bars. */
export function MostRead({ rows }: { rows: PublicationStatsRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.seconds));
  if (!rows.length) return <p className="text-sm text-stone-600">No reading in this period.</p>;
  return (
    <ol className="space-y-3">
      {rows.map((r) => (
        <li key={r.publicationId}>
          <div className="flex justify-between gap-2 text-sm">
            <span className="truncate font-medium">{r.title}</span>
            <span className="shrink-0 tabular-nums text-stone-600">{formatDuration(r.seconds)}</span>
          </div>
          <div className="mt-1 h-2 rounded-full bg-stone-100">
            <div className="h-2 rounded-full bg-brand" style={{ width: `${(r.seconds / max) * 100}%` }} />
          </div>
          <p className="mt-0.5 text-xs text-stone-600">{r.readers} {r.readers === 1 ? "reader" : "readers"} · {r.sessions} sessions</p>
        </li>
      ))}
    </ol>
  );
}
