import Link from "next/link";
import { Section } from "@/components/ui/section";
import { secondaryButtonClass } from "@/components/ui/form-state";
import { countLaunches, launchFilterOptions, searchLaunchLog, type LaunchFilter } from "@/lib/support/launch-log-search";
import { formatTime } from "@/app/admin/settings/integrations/_components/format";

const control = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand";

function query(base: string, filter: LaunchFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value && !(key === "integrationId" && base.includes("/integrations/"))) params.set(key, String(value));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

/**
 * The launch log with its filters, counts per error code and keyset paging; on one integration's
 * page (`fixedIntegration`) or across all of them.
 */
export async function LaunchLogView({ base, filter, cursor, fixedIntegration }: { base: string; filter: LaunchFilter; cursor: string | null; fixedIntegration?: string }) {
  const effective = fixedIntegration ? { ...filter, integrationId: fixedIntegration } : filter;
  const [page, counts, options] = await Promise.all([searchLaunchLog(effective, cursor), countLaunches(effective), launchFilterOptions(effective.integrationId)]);
  const filtered = Object.entries(filter).some(([k, v]) => v && !(fixedIntegration && k === "integrationId"));
  return (
    <div className="space-y-6">
      <form className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter launches">
        {!fixedIntegration && (
          <label>Integration
            <select name="integrationId" defaultValue={filter.integrationId ?? ""} className={control}>
              <option value="">All integrations</option>
              {options.integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </label>
        )}
        <label>Outcome
          <select name="outcome" defaultValue={filter.outcome ?? ""} className={control}>
            <option value="">Any</option>
            <option value="SUCCESS">Succeeded</option>
            <option value="FAILURE">Failed</option>
          </select>
        </label>
        <label>Error code
          <input name="code" list="launch-codes" defaultValue={filter.code ?? ""} placeholder="e.g. LTI_NONCE_REUSED" className={`${control} font-mono`} autoComplete="off" spellCheck={false} />
          <datalist id="launch-codes">{options.codes.map((c) => <option key={c} value={c} />)}</datalist>
        </label>
        <label>Person
          <input name="person" type="search" defaultValue={filter.person ?? ""} placeholder="Name, public ID or LMS user ID" className={control} autoComplete="off" />
        </label>
        <label>Course
          <select name="courseId" defaultValue={filter.courseId ?? ""} className={control}>
            <option value="">Any course</option>
            {options.courses.map((c) => <option key={c.id} value={c.id}>{fixedIntegration ? c.name : `${c.name} · ${c.integrationName}`}</option>)}
          </select>
        </label>
        <label>From (UTC)
          <input name="from" type="date" defaultValue={filter.from ?? ""} className={control} />
        </label>
        <label>To (UTC, included)
          <input name="to" type="date" defaultValue={filter.to ?? ""} className={control} />
        </label>
        <div className="flex items-end gap-2">
          <button className={secondaryButtonClass}>Show</button>
          {filtered && <Link href={base} className="px-2 py-1.5 text-brand hover:underline">Clear filters</Link>}
        </div>
      </form>

      <Section title={`${counts.launches.toLocaleString("en")} launches, ${counts.failures.toLocaleString("en")} failed${filtered ? " (filtered)" : ""}`}
        description="Failures per error code in the filtered range. “Attempts” adds refusals of senders Folio could not verify, which are counted but not logged.">
        {counts.byCode.length === 0 ? <p className="text-sm text-stone-500">No failed launches.</p> : (
          <table className="w-full max-w-2xl text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-500"><tr><th className="py-1">Error code</th><th className="py-1 pl-4 text-right">Logged</th><th className="py-1 pl-4 text-right">Attempts</th></tr></thead>
            <tbody className="divide-y divide-stone-100">
              {counts.byCode.map((c) => (
                <tr key={c.code}>
                  <td className="py-1 pr-2 font-mono text-xs"><Link href={query(base, { ...filter, code: c.code, outcome: "FAILURE" })} className="text-brand hover:underline">{c.code}</Link></td>
                  <td className="py-1 pl-4 text-right tabular-nums">{c.logged.toLocaleString("en")}</td>
                  <td className="py-1 pl-4 text-right tabular-nums">{c.attempts === null ? "—" : c.attempts.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <div className="space-y-3">
        {page.tooManyPeople && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Many people match that search; only the first 500 are included. Type more of the name, or a public ID.</p>}
        <LaunchRows rows={page.rows} showIntegration={!fixedIntegration} />
        <nav className="flex justify-between text-sm" aria-label="Pages">
          {cursor ? <Link href={query(base, filter)} className="text-brand hover:underline">← Newest</Link> : <span />}
          {page.next && <Link href={query(base, filter, { cursor: page.next })} className="text-brand hover:underline">Older →</Link>}
        </nav>
      </div>
    </div>
  );
}

function LaunchRows({ rows, showIntegration }: { rows: Awaited<ReturnType<typeof searchLaunchLog>>["rows"]; showIntegration: boolean }) {
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-500">No launches match.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th className="px-3 py-2">Time</th><th className="px-3 py-2">Outcome</th><th className="px-3 py-2">Person</th>
            {showIntegration && <th className="px-3 py-2">Integration</th>}<th className="px-3 py-2">Error code / message</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((l) => (
            <tr key={l.id} className={l.outcome === "FAILURE" ? "bg-red-50/40" : undefined}>
              <td className="whitespace-nowrap px-3 py-2 text-stone-700">{formatTime(l.at)}</td>
              <td className="whitespace-nowrap px-3 py-2">{l.outcome === "SUCCESS" ? <span className="font-medium text-green-800">✓ Success</span> : <span className="font-medium text-red-700">✕ Failed</span>}</td>
              <td className="px-3 py-2">
                {l.person ? <><span className="font-medium">{l.person.name}</span>{l.person.name !== l.person.publicId && <span className="ml-1 font-mono text-xs text-stone-500">{l.person.publicId}</span>}</> : <span className="text-stone-400">—</span>}
              </td>
              {showIntegration && <td className="px-3 py-2">{l.integration ? <Link href={`/admin/settings/integrations/${l.integration.id}`} className="hover:underline">{l.integration.name}</Link> : "—"}</td>}
              <td className="px-3 py-2 text-xs text-stone-600">
                {l.errorCode && <span className="block font-mono text-stone-900">{l.errorCode}</span>}
                {l.detail ?? (l.messageType ? `${l.messageType} (LTI ${l.ltiVersion})` : `LTI ${l.ltiVersion}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
