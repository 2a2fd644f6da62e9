import type { Metadata } from "next";
import Link from "next/link";
import { CatalogGrid } from "@/components/catalog-grid";
import { CatalogFilterForm, CatalogPager } from "@/components/catalog-filters";
import { listCatalogFacets } from "@/lib/publications/catalog";
import { catalogFiltersSchema, searchCatalog } from "@/lib/publications/catalog-search";
import { searchInsideBooks, type PassageHit } from "@/lib/publications/content";
import { currentViewer } from "@/lib/publications/viewer";

export const metadata: Metadata = { title: "Search" };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The catalog searched, filtered and sorted by the URL (?q, collection, subject, language, price, sort, page). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const raw = await searchParams;
  const input = Object.fromEntries(["q", "collection", "subject", "language", "price", "sort", "page"].map((k) => [k, first(raw[k]) || undefined]));
  const filters = catalogFiltersSchema.parse(input);
  const { q } = filters;
  const filtered = !!(filters.collection || filters.subject || filters.language || filters.price);
  // The words inside the books too, on the first page of a plain search: filters narrow the catalog.
  const inside = q && filters.page === 1 && !filtered ? currentViewer().then((viewer) => searchInsideBooks(viewer, q)) : Promise.resolve([]);
  const [page, facets, passages] = await Promise.all([searchCatalog(filters), listCatalogFacets(), inside]);
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
          No {passages.length ? "titles, authors or descriptions" : "publications"} match{q ? <> &ldquo;{q}&rdquo;</> : ""}{filtered ? " with these filters" : ""}. <Link href="/search" className="text-brand underline">Show all</Link>
        </p>
      ) : (
        <CatalogGrid books={page.books} />
      )}
      <CatalogPager filters={filters} page={page} />
      {passages.length > 0 && <InsideBooks passages={passages} />}
    </main>
  );
}

/** Books whose text holds the words, each with its best chapter (and the words around them when the viewer may read it). */
function InsideBooks({ passages }: { passages: PassageHit[] }) {
  return (
    <section aria-labelledby="inside-books" className="mt-12">
      <h2 id="inside-books" className="font-serif text-xl font-semibold">Found inside the books</h2>
      <ul className="mt-4 space-y-4">
        {passages.map((p) => (
          <li key={p.slug} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <p className="text-sm">
              <Link href={`/publications/${p.slug}`} className="font-semibold hover:text-brand">{p.title}</Link>
              <span className="text-stone-600"> · {p.author} · in {p.chapters} {p.chapters === 1 ? "place" : "places"}</span>
            </p>
            <p className="mt-1 text-xs font-medium text-stone-600">{p.chapterTitle}</p>
            {p.snippet
              ? <p className="mt-2 font-serif text-stone-800">{p.snippet} <Link href={`/read/${p.slug}?chapter=${p.chapterIndex}`} className="text-sm text-brand underline">Read here</Link></p>
              : <p className="mt-2 text-sm text-stone-600">The words are in this book; its text shows to readers with access.</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
