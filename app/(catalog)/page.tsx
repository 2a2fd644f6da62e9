import { CatalogGrid, CatalogSearch } from "@/components/catalog-grid";
import { listCachedCatalog } from "@/lib/publications/catalog";

// Rendered at request time, so `next build` needs no database and shows no build machine's
// books; the list itself comes from Next's data cache (lib/publications/catalog.ts). Who is
// signed in is shown by the header, in the browser.
export const dynamic = "force-dynamic";

export default async function CatalogPage() {
  const books = await listCachedCatalog();
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
