import type { ScoreDeliveries as Deliveries } from "@/lib/courses/score-deliveries";
import { retryFailedScoresAction } from "../actions";
import { formatTime } from "./format";
import { secondaryButtonClass } from "@/components/ui/form-state";

/** Scores owed to the LMS: how many wait, how many failed, and why the latest failed. */
export function ScoreDeliveries({ id, deliveries }: { id: string; deliveries: Deliveries }) {
  const { pending, failed, sent, latestFailures } = deliveries;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-700">
        <span className="font-medium tabular-nums">{pending.toLocaleString("en")}</span> waiting ·{" "}
        <span className="font-medium tabular-nums">{failed.toLocaleString("en")}</span> failed ·{" "}
        <span className="tabular-nums">{sent.toLocaleString("en")}</span> delivered
      </p>
      {latestFailures.length > 0 && (
        <>
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
                <tr><th className="px-4 py-2">Person</th><th className="px-4 py-2">Reading</th><th className="px-4 py-2">Error</th><th className="px-4 py-2 text-right">Attempts</th><th className="px-4 py-2">Last</th></tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {latestFailures.map((f) => (
                  <tr key={`${f.publicId}-${f.linkTitle}-${f.updatedAt.toISOString()}`}>
                    <td className="px-4 py-2 font-mono text-xs">{f.publicId}</td>
                    <td className="px-4 py-2">{f.linkTitle ?? <span className="text-stone-600">Untitled</span>}</td>
                    <td className="max-w-sm px-4 py-2 text-xs text-stone-600">{f.error ?? "—"}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.attempts}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-stone-700">{formatTime(f.updatedAt.toISOString())}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form action={retryFailedScoresAction.bind(null, id)}>
            <button type="submit" className={secondaryButtonClass}>Retry failed</button>
          </form>
        </>
      )}
    </div>
  );
}
