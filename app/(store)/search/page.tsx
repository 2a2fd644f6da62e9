import type { Metadata } from "next";
import Link from "next/link";
import { CatalogGrid, CatalogSearch } from "@/components/catalog-grid";
import { listCatalog } from "@/lib/publications/catalog";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const books = await listCatalog(q);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <section className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <h1 className="font-serif text-3xl font-semibold tracking-tight">{q ? <>Results for &ldquo;{q}&rdquo;</> : "Search"}</h1>
        <CatalogSearch q={q} />
      </section>
      {books.length === 0 ? (
        <p className="mt-16 text-center text-stone-600">
          No publications match{q ? <> &ldquo;{q}&rdquo;</> : ""}. <Link href="/" className="text-brand underline">Show all</Link>
        </p>
      ) : (
        <CatalogGrid books={books} />
      )}
    </main>
  );
}
