import { notFound } from "next/navigation";
import { CatalogGrid, CatalogSearch } from "@/components/catalog-grid";
import { listCatalog } from "@/lib/publications/catalog";
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
  const books = await listCatalog();
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <section className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-serif text-4xl font-semibold tracking-tight">The library</h1>
          <p className="mt-2 max-w-xl text-stone-600">
            Read in your browser, highlight, take notes. Students arriving from their course get their books straight away.
          </p>
        </div>
        <CatalogSearch />
      </section>
      {books.length === 0 ? <p className="mt-16 text-center text-stone-600">No publications yet.</p> : <CatalogGrid books={books} />}
    </main>
  );
}
