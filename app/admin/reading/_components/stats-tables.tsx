import Link from "next/link";
import type { PersonStatsRow, PublicationStatsRow } from "@/lib/reading/admin-stats";
import { formatDateTime, formatDuration } from "./format";

const th = "px-4 py-2";
const td = "px-4 py-2 tabular-nums";

function Table({ head, children, empty }: { head: React.ReactNode; children: React.ReactNode; empty: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600"><tr>{head}</tr></thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
      </table>
      {empty && <p className="px-4 py-6 text-center text-sm text-stone-600">No reading in this period.</p>}
    </div>
  );
}

export function PublicationStatsTable({ rows }: { rows: PublicationStatsRow[] }) {
  return (
    <Table empty={!rows.length} head={<><th className={th}>Publication</th><th className={`${th} text-right`}>Readers</th><th className={`${th} text-right`}>Sessions</th><th className={`${th} text-right`}>Time read</th><th className={`${th} text-right`}>Avg. progress</th></>}>
      {rows.map((r) => (
        <tr key={r.publicationId}>
          <td className="px-4 py-2 font-medium">{r.title}</td>
          <td className={`${td} text-right`}>{r.readers}</td>
          <td className={`${td} text-right`}>{r.sessions}</td>
          <td className={`${td} text-right`}>{formatDuration(r.seconds)}</td>
          <td className={`${td} text-right`}>{Math.round(r.avgPercent * 100)}%</td>
        </tr>
      ))}
    </Table>
  );
}

export function PersonStatsTable({ rows }: { rows: PersonStatsRow[] }) {
  return (
    <Table empty={!rows.length} head={<><th className={th}>Person</th><th className={`${th} text-right`}>Books</th><th className={`${th} text-right`}>Sessions</th><th className={`${th} text-right`}>Time read</th><th className={th}>Last read</th></>}>
      {rows.map((r) => (
        <tr key={r.userId}>
          <td className="px-4 py-2">
            <Link href={`/admin/users/${r.userId}`} className="text-brand hover:underline">{r.displayName}</Link>
            {r.displayName !== r.publicId && <span className="ml-2 font-mono text-xs text-stone-600">{r.publicId}</span>}
          </td>
          <td className={`${td} text-right`}>{r.books}</td>
          <td className={`${td} text-right`}>{r.sessions}</td>
          <td className={`${td} text-right`}>{formatDuration(r.seconds)}</td>
          <td className="px-4 py-2 text-stone-600">{formatDateTime(r.lastReadAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
