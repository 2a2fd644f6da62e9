import Link from "next/link";
import type { CatalogFacets } from "@/lib/publications/catalog";
import type { CatalogFilters, CatalogPage } from "@/lib/publications/catalog-search";

const selectClass = "rounded-md border border-stone-300 bg-white px-2 py-2 text-sm shadow-sm";
const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language" });
const languageName = (code: string) => {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
};

/** Search, filters and sort as a plain GET form to /search: every choice lives in the URL. */
export function CatalogFilterForm({ filters, facets, sort }: { filters: Partial<CatalogFilters>; facets: CatalogFacets; sort?: string }) {
  return (
    <form role="search" action="/search" className="mt-6 flex flex-wrap items-end gap-3" aria-label="Search and filter the catalog">
      <label className="flex flex-col text-xs font-medium text-stone-700">
        Search
        <input type="search" name="q" defaultValue={filters.q} placeholder="Title, author, subject, ISBN…" aria-label="Search the catalog"
          className="mt-1 w-64 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-normal shadow-sm" />
      </label>
      {facets.collections.length > 0 && (
        <label className="flex flex-col text-xs font-medium text-stone-700">
          Collection
          <select name="collection" defaultValue={filters.collection ?? ""} className={`mt-1 ${selectClass}`}>
            <option value="">All collections</option>
            {facets.collections.map((c) => <option key={c.slug} value={c.slug}>{c.name} ({c.count})</option>)}
          </select>
        </label>
      )}
      {facets.subjects.length > 0 && (
        <label className="flex flex-col text-xs font-medium text-stone-700">
          Subject
          <select name="subject" defaultValue={filters.subject ?? ""} className={`mt-1 max-w-56 ${selectClass}`}>
            <option value="">All subjects</option>
            {facets.subjects.map((s) => <option key={s.code} value={s.code}>{s.label} ({s.count})</option>)}
          </select>
        </label>
      )}
      {facets.languages.length > 1 && (
        <label className="flex flex-col text-xs font-medium text-stone-700">
          Language
          <select name="language" defaultValue={filters.language ?? ""} className={`mt-1 ${selectClass}`}>
            <option value="">Any language</option>
            {facets.languages.map((l) => <option key={l.code} value={l.code}>{languageName(l.code)} ({l.count})</option>)}
          </select>
        </label>
      )}
      <label className="flex flex-col text-xs font-medium text-stone-700">
        Price
        <select name="price" defaultValue={filters.price ?? ""} className={`mt-1 ${selectClass}`}>
          <option value="">Free and paid</option>
          <option value="free">Free</option>
          <option value="paid">Paid</option>
        </select>
      </label>
      <label className="flex flex-col text-xs font-medium text-stone-700">
        Sort by
        <select name="sort" defaultValue={sort ?? ""} className={`mt-1 ${selectClass}`}>
          <option value="">Best match</option>
          <option value="title">Title</option>
          <option value="author">Author</option>
          <option value="newest">Newest</option>
        </select>
      </label>
      <button className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">Search</button>
    </form>
  );
}

/** Previous / next links that keep every filter. */
export function CatalogPager({ filters, page }: { filters: Partial<CatalogFilters>; page: CatalogPage }) {
  if (page.pageCount <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && k !== "page") params.set(k, String(v));
    params.set("page", String(n));
    return `/search?${params}`;
  };
  return (
    <nav aria-label="Pages" className="mt-10 flex items-center justify-center gap-4 text-sm">
      {page.page > 1 && <Link href={href(page.page - 1)} className="text-brand hover:underline">← Previous</Link>}
      <span className="text-stone-600">Page {page.page} of {page.pageCount}</span>
      {page.page < page.pageCount && <Link href={href(page.page + 1)} className="text-brand hover:underline">Next →</Link>}
    </nav>
  );
}
