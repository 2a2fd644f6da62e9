import Link from "next/link";
import { BookCover } from "@/components/book-cover";
import { formatPrice, listCatalog } from "@/lib/publications/catalog";

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const books = await listCatalog(q);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <section className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-serif text-4xl font-semibold tracking-tight">The library</h1>
          <p className="mt-2 max-w-xl text-stone-600">
            Read in your browser, highlight, take notes. Students arriving from their course get their books straight away.
          </p>
        </div>
        <form role="search" className="flex gap-2" action="/">
          <input type="search" name="q" defaultValue={q} placeholder="Search titles and authors" aria-label="Search the catalog"
            className="w-64 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm" />
          <button className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">Search</button>
        </form>
      </section>
      {books.length === 0 ? (
        <p className="mt-16 text-center text-stone-600">
          {q ? <>No publications match &ldquo;{q}&rdquo;. <Link href="/" className="text-brand underline">Show all</Link></> : "No publications yet."}
        </p>
      ) : (
        <ul className="mt-10 grid grid-cols-2 gap-x-6 gap-y-10 sm:grid-cols-3 lg:grid-cols-5">
          {books.map((b) => (
            <li key={b.slug}>
              <Link href={`/publications/${b.slug}`} className="group block">
                <BookCover {...b} className="transition group-hover:-translate-y-1 group-hover:shadow-lg" />
                <h2 className="mt-3 font-serif text-base font-semibold leading-snug group-hover:text-brand">{b.title}</h2>
                <p className="text-sm text-stone-600">{b.author}</p>
                <p className="mt-1 text-sm font-medium text-stone-800">{formatPrice(b.priceCents, b.isFree)}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
