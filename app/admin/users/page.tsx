import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { searchUsers, userFilterOptions, userSearchSchema, type UserSearch } from "@/lib/users/search-users";
import { Pagination } from "@/components/ui/pagination";
import { inputClass, primaryButtonClass } from "@/components/ui/form-state";

export const metadata: Metadata = { title: "Users" };

type Query = Record<string, string | string[] | undefined>;

const FILTERS = ["q", "integration", "course", "origin", "role", "email", "status"] as const;

function pick(query: Query): UserSearch {
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : undefined);
  const parsed = userSearchSchema.safeParse(Object.fromEntries([...FILTERS, "after", "before"].map((k) => [k, one(k)])));
  // A hand-edited URL with a bad value shows everyone rather than an error page.
  return parsed.success ? parsed.data : {};
}

function href(filters: UserSearch, page?: { after?: string; before?: string }) {
  const params = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) params.set(k, String(filters[k]));
  if (page?.after) params.set("after", page.after);
  if (page?.before) params.set("before", page.before);
  const s = params.toString();
  return s ? `/admin/users?${s}` : "/admin/users";
}

const select = `${inputClass} w-auto`;

export default async function UsersPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageAdmin("/admin/users");
  const query = await searchParams;
  const filters = pick(query);
  const [page, options] = await Promise.all([searchUsers(filters), userFilterOptions()]);
  const filtered = FILTERS.some((k) => filters[k]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 text-stone-600">Everyone with an account: administrators, readers who signed up, and students created by an integration.</p>
      {query.deleted && <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">The person and their data were deleted.</p>}

      <form method="get" action="/admin/users" role="search" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <label htmlFor="q" className="text-sm font-medium text-stone-800">Search</label>
        <div className="flex gap-2">
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name, email, public ID or the LMS’s user ID" className={inputClass} autoComplete="off" spellCheck={false} />
          <button type="submit" className={`${primaryButtonClass} mt-1 shrink-0`}>Search</button>
        </div>
        <div className="mt-3 flex flex-wrap gap-3 text-sm">
          <label>Integration
            <select name="integration" defaultValue={filters.integration ?? ""} className={select}>
              <option value="">Any</option>
              {options.integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </label>
          <label>Course
            <select name="course" defaultValue={filters.course ?? ""} className={`${select} max-w-64`}>
              <option value="">Any</option>
              {options.courses.map((c) => <option key={c.id} value={c.id}>{c.title} ({c.integration})</option>)}
            </select>
          </label>
          <label>Came in
            <select name="origin" defaultValue={filters.origin ?? ""} className={select}>
              <option value="">Any way</option><option value="lti13">LTI 1.3</option><option value="lti11">LTI 1.1</option><option value="direct">Signed up directly</option>
            </select>
          </label>
          <label>Role
            <select name="role" defaultValue={filters.role ?? ""} className={select}>
              <option value="">Any</option><option value="admin">Administrator</option><option value="reader">Reader</option>
              <option value="instructor">Instructor in a course</option><option value="learner">Learner in a course</option>
            </select>
          </label>
          <label>Email
            <select name="email" defaultValue={filters.email ?? ""} className={select}>
              <option value="">Any</option><option value="yes">Has an email</option><option value="no">No email</option>
            </select>
          </label>
          <label>Account
            <select name="status" defaultValue={filters.status ?? ""} className={select}>
              <option value="">Any</option><option value="active">Active</option><option value="disabled">Disabled</option>
            </select>
          </label>
        </div>
        {filtered && <Link href="/admin/users" className="mt-3 inline-block text-sm text-brand hover:underline">Clear search and filters</Link>}
      </form>

      <p className="mt-4 text-sm text-stone-600" aria-live="polite">
        {page.totalCapped ? `More than ${page.total.toLocaleString("en-US")}` : page.total.toLocaleString("en-US")} {page.total === 1 && !page.totalCapped ? "person" : "people"}
        {filtered ? " match." : "."} Newest first.
      </p>
      <div className="mt-2 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
            <tr><th className="px-4 py-2">Person</th><th className="px-4 py-2">Email</th><th className="px-4 py-2">Came in</th><th className="px-4 py-2">Access</th><th className="px-4 py-2">Role</th></tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {page.rows.map((u) => (
              <tr key={u.id}>
                <td className="px-4 py-2">
                  <Link href={`/admin/users/${u.id}`} className="font-medium text-brand hover:underline">{u.displayName}</Link>
                  {u.disabled && <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-800">Disabled</span>}
                  <div className="font-mono text-xs text-stone-600">{u.publicId}</div>
                </td>
                <td className="max-w-56 truncate px-4 py-2" title={u.email ?? u.emailHint ?? undefined}>
                  {u.email ?? (u.emailHint ? <span className="text-stone-600">{u.emailHint} <span className="text-xs">(from the LMS)</span></span> : <span className="text-stone-600">not set</span>)}
                </td>
                <td className="px-4 py-2">
                  {u.origins.length
                    ? `${u.origins.map((o) => (o === "lti13" ? "LTI 1.3" : "LTI 1.1")).join(", ")} (${u.integrations.join(", ") || "removed integration"})`
                    : "Signed up directly"}
                </td>
                <td className="px-4 py-2">{u.access.length ? u.access.map((a) => (a.kind === "FULL" ? "Full access" : `Plan ${a.plan}`)).join(", ") : "Free books"}</td>
                <td className="px-4 py-2">{u.role === "ADMIN" ? "Administrator" : "Reader"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 && <p className="px-4 py-6 text-center text-sm text-stone-600">{filtered ? "Nobody matches. Try part of a name, or fewer filters." : "No accounts yet."}</p>}
      </div>
      <Pagination
        label="User pages"
        newestHref={page.previous ? href(filters) : null}
        newerHref={page.previous ? href(filters, { before: page.previous }) : null}
        olderHref={page.next ? href(filters, { after: page.next }) : null}
      />
    </>
  );
}
