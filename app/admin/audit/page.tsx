import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { auditFilterSchema, listAuditEvents, type AuditFilter, type AuditRow } from "@/lib/audit/list";
import { Pagination } from "@/components/ui/pagination";
import { inputClass, primaryButtonClass } from "@/components/ui/form-state";
import { formatTime } from "@/app/admin/settings/integrations/_components/format";

export const metadata: Metadata = { title: "Audit log" };

type Query = Record<string, string | string[] | undefined>;

const LABELS: Record<string, string> = {
  "access.grant": "Gave access",
  "access.revoke": "Took access away",
  "user.disable": "Disabled the account",
  "user.enable": "Enabled the account",
  "user.delete": "Deleted the person and their data",
  "user.export": "Exported their data",
};

/** The entry's details in a line: the access it was about, or what went with a deletion. */
function summary(row: AuditRow): string {
  const d = row.details;
  const parts: string[] = [];
  if (d.kind === "FULL") parts.push("full access");
  if (d.kind === "PLAN" && typeof d.plan === "string") parts.push(`plan “${d.plan}”`);
  if (typeof d.integration === "string") parts.push(`through ${d.integration}`);
  const removed = d.removed as Record<string, number> | undefined;
  if (removed && typeof removed === "object") parts.push(`${removed.highlights ?? 0} highlights, ${removed.notes ?? 0} notes, ${removed.sessions ?? 0} sittings removed`);
  return parts.join(", ");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageAdmin("/admin/audit");
  const query = await searchParams;
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : undefined);
  const parsed = auditFilterSchema.safeParse({ person: one("person"), action: one("action"), after: one("after") });
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const { rows, next, actions } = await listAuditEvents(filter);
  const base = new URLSearchParams();
  if (filter.person) base.set("person", filter.person);
  if (filter.action) base.set("action", filter.action);
  const withAfter = (after: string) => { const p = new URLSearchParams(base); p.set("after", after); return `/admin/audit?${p}`; };
  const first = base.size ? `/admin/audit?${base}` : "/admin/audit";
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-stone-600">What administrators did to people’s accounts and access, newest first.</p>
      <form method="get" action="/admin/audit" className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
        <label>Person (public ID)
          <input name="person" defaultValue={filter.person ?? ""} className={`${inputClass} w-48 font-mono`} autoComplete="off" spellCheck={false} />
        </label>
        <label>Action
          <select name="action" defaultValue={filter.action ?? ""} className={`${inputClass} w-auto`}>
            <option value="">Any</option>
            {actions.map((a) => <option key={a} value={a}>{LABELS[a] ?? a}</option>)}
          </select>
        </label>
        <button type="submit" className={primaryButtonClass}>Show</button>
        {base.size > 0 && <Link href="/admin/audit" className="py-2 text-brand hover:underline">Show everything</Link>}
      </form>
      <div className="mt-4 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
            <tr><th className="px-4 py-2">Time</th><th className="px-4 py-2">Who</th><th className="px-4 py-2">Did</th><th className="px-4 py-2">To</th><th className="px-4 py-2">Details</th></tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-4 py-2 text-stone-700">{formatTime(r.at)}</td>
                <td className="px-4 py-2">{r.actor?.name ?? "Folio"}</td>
                <td className="px-4 py-2">{LABELS[r.action] ?? <span className="font-mono text-xs">{r.action}</span>}</td>
                <td className="px-4 py-2">
                  {r.target ? (r.target.exists ? <Link href={`/admin/users/${r.target.id}`} className="text-brand hover:underline">{r.target.name}</Link> : <span>{r.target.name} <span className="text-xs text-stone-600">(deleted)</span></span>) : "—"}
                </td>
                <td className="px-4 py-2 text-stone-700">{summary(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="px-4 py-6 text-center text-sm text-stone-600">Nothing recorded{base.size ? " for this filter" : " yet"}.</p>}
      </div>
      <Pagination label="Audit log pages" newestHref={filter.after ? first : null} olderHref={next ? withAfter(next) : null} />
    </>
  );
}
