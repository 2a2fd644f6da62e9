import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAdmin } from "@/lib/auth/session";
import { getImportReport } from "@/lib/publications/import/report";
import { AutoRefresh } from "../_components/auto-refresh";

export const metadata: Metadata = { title: "Import report" };

const LABEL = { PENDING: "Waiting", IMPORTED: "Imported", SKIPPED: "Skipped (duplicate)", FAILED: "Failed" } as const;
const TONE = { PENDING: "text-stone-600", IMPORTED: "text-green-800", SKIPPED: "text-amber-800", FAILED: "text-red-800" } as const;

export default async function ImportReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageAdmin(`/admin/publications/import/${id}`);
  const report = await getImportReport(id);
  if (!report) notFound();
  const { counts } = report;
  const done = counts.total - counts.pending;
  return (
    <>
      <AutoRefresh active={counts.pending > 0 && !report.waitingForFiles} />
      <Link href="/admin/publications/import" className="text-sm text-brand hover:underline">← Imports</Link>
      <h1 className="mt-4 text-2xl font-semibold">Import of {report.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</h1>
      <div className="mt-3 flex items-center gap-3">
        <progress max={Math.max(1, counts.total)} value={done} aria-label="Rows done" className="h-2 w-64 accent-brand" />
        <p role="status" className="text-sm text-stone-700">
          {done} of {counts.total} rows done: {counts.imported} imported, {counts.skipped} skipped, {counts.failed} failed
          {counts.pending ? (report.waitingForFiles ? "; waiting for the zip of the books." : `; ${counts.pending} to go.`) : "."}
        </p>
      </div>
      {report.unknownColumns.length > 0 && (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Columns not used: {report.unknownColumns.join(", ")}.</p>
      )}
      <table className="mt-6 w-full text-left text-sm">
        <thead className="text-xs uppercase text-stone-600"><tr><th className="py-1">Line</th><th>File</th><th>Outcome</th><th>Details</th></tr></thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.line} className="border-t border-stone-100 align-top">
              <td className="py-1 tabular-nums">{r.line}</td>
              <td className="font-mono text-xs">{r.file || "—"}</td>
              <td className={TONE[r.status]}>{LABEL[r.status]}</td>
              <td>
                {r.publication && <Link href={`/admin/publications/${r.publication.id}`} className="text-brand hover:underline">{r.publication.title}</Link>}
                {r.reason && <span className="block text-stone-700">{r.reason}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
