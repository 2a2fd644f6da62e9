import { notFound } from "next/navigation";
import Link from "next/link";
import { CatalogGrid } from "@/components/catalog-grid";
import { CatalogFilterForm } from "@/components/catalog-filters";
import { listCatalogFacets } from "@/lib/publications/catalog";
import { searchCatalog } from "@/lib/publications/catalog-search";
import { CATALOG_SHELVES } from "@/lib/publications/catalog-shelves";

// The catalog, the same for every visitor: rendered on its first request and then served from
// Next's cache (docs/decisions/0011), refreshed within a minute and at once by the Control
// Panel's publication actions. No shelf is rendered at build time (generateStaticParams gives
// none), so `next build` needs no database (decision 14). `/` is this page for the shelf "all"
// (a rewrite in next.config.ts). Who is signed in is shown by the header, in the browser.
export const revalidate = 60;
export const dynamicParams = true;

export function generateStaticParams(): { shelf: string }[] {
  return [];
}

export default async function CatalogPage({ params }: { params: Promise<{ shelf: string }> }) {
  const { shelf } = await params;
  if (!CATALOG_SHELVES.includes(shelf)) notFound();
  // The first page by title; filters, sort and further pages are /search (rendered per request).
  const [{ books, total }, facets] = await Promise.all([searchCatalog({ sort: "title" }), listCatalogFacets()]);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <section className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-serif text-4xl font-semibold tracking-tight">The library</h1>
          <p className="mt-2 max-w-xl text-stone-600">
            Read in your browser, highlight, take notes. Students arriving from their course get their books straight away.
          </p>
        </div>
      </section>
      <CatalogFilterForm filters={{}} facets={facets} />
      {books.length === 0 ? <p className="mt-16 text-center text-stone-600">No publications yet.</p> : <CatalogGrid books={books} />}
      {total > books.length && (
        <p className="mt-10 text-center">
          <Link href={"/search?sort=title&page=2"} className="text-brand hover:underline">All {total.toLocaleString("en-US")} publications →</Link>
        </p>
      )}
    </main>
  );
}
