import { TALLY_DAYS, type FailureTallyRow } from "@/lib/integrations/queries";
import { formatTime } from "./format";

/** Failed launches of the last days by code: how often, when last, and why (the latest detail). */
export function FailuresByCode({ rows }: { rows: FailureTallyRow[] }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-600">No failed launches in the last {TALLY_DAYS} days.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
          <tr><th className="px-4 py-2">Error code</th><th className="px-4 py-2 text-right">Times</th><th className="px-4 py-2">Last</th><th className="px-4 py-2">Latest message</th></tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={r.errorCode}>
              <td className="px-4 py-2 font-mono text-xs">{r.errorCode}</td>
              <td className="px-4 py-2 text-right tabular-nums">{r.count.toLocaleString("en")}</td>
              <td className="whitespace-nowrap px-4 py-2 text-stone-700">{formatTime(r.lastAt)}</td>
              <td className="max-w-xs px-4 py-2 text-xs text-stone-600">{r.lastDetail ?? <span className="text-stone-600">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
