import type { Metadata } from "next";
import Link from "next/link";
import { CatalogGrid } from "@/components/catalog-grid";
import { CatalogFilterForm, CatalogPager } from "@/components/catalog-filters";
import { listCatalogFacets } from "@/lib/publications/catalog";
import { catalogFiltersSchema, searchCatalog } from "@/lib/publications/catalog-search";

export const metadata: Metadata = { title: "Search" };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The catalog searched, filtered and sorted by the URL (?q, collection, subject, language, price, sort, page). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const raw = await searchParams;
  const input = Object.fromEntries(["q", "collection", "subject", "language", "price", "sort", "page"].map((k) => [k, first(raw[k]) || undefined]));
  const filters = catalogFiltersSchema.parse(input);
  const [page, facets] = await Promise.all([searchCatalog(filters), listCatalogFacets()]);
  const { q } = filters;
  const filtered = !!(filters.collection || filters.subject || filters.language || filters.price);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">{q ? <>Results for &ldquo;{q}&rdquo;</> : "Browse the catalog"}</h1>
      <CatalogFilterForm filters={filters} facets={facets} sort={filters.sort} />
      <p className="mt-4 text-sm text-stone-600" role="status">
        {page.total.toLocaleString("en-US")} {page.total === 1 ? "publication" : "publications"}
        {page.sort === "relevance" ? ", best matches first" : ""}
      </p>
      {page.books.length === 0 ? (
        <p className="mt-16 text-center text-stone-600">
          No publications match{q ? <> &ldquo;{q}&rdquo;</> : ""}{filtered ? " with these filters" : ""}. <Link href="/search" className="text-brand underline">Show all</Link>
        </p>
      ) : (
        <CatalogGrid books={page.books} />
      )}
      <CatalogPager filters={filters} page={page} />
    </main>
  );
}
