import type { LaunchRow } from "@/lib/integrations/queries";
import { formatTime } from "./format";

/** The latest launches, newest first: on the phone with an institution, why did it fail? */
export function LaunchesTable({ launches }: { launches: LaunchRow[] }) {
  if (launches.length === 0) {
    return <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-500">No launches yet. They appear here as soon as someone clicks the link in their course.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
          <tr><th className="px-4 py-2">Time</th><th className="px-4 py-2">Outcome</th><th className="px-4 py-2">Error code</th><th className="px-4 py-2">Person</th><th className="px-4 py-2">Message</th></tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {launches.map((l) => (
            <tr key={l.id} className={l.outcome === "FAILURE" ? "bg-red-50/40" : undefined}>
              <td className="whitespace-nowrap px-4 py-2 text-stone-700">{formatTime(l.at)}</td>
              <td className="px-4 py-2">
                {l.outcome === "SUCCESS"
                  ? <span className="font-medium text-green-800">✓ Success</span>
                  : <span className="font-medium text-red-700">✕ Failed</span>}
              </td>
              <td className="px-4 py-2 font-mono text-xs">{l.errorCode ?? <span className="text-stone-400">—</span>}</td>
              <td className="px-4 py-2">
                {l.publicId ? <><span className="font-medium">{l.name}</span>{l.name !== l.publicId && <span className="ml-1 font-mono text-xs text-stone-500">{l.publicId}</span>}</> : <span className="text-stone-400">—</span>}
              </td>
              <td className="max-w-xs px-4 py-2 text-xs text-stone-600">{l.detail ?? (l.messageType ? `${l.messageType} (LTI ${l.ltiVersion})` : `LTI ${l.ltiVersion}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
