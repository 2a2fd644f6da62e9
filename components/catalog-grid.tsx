import Link from "next/link";
import { BookCover } from "@/components/book-cover";
import { formatPrice, type CatalogEntry } from "@/lib/publications/catalog";

/** The catalog's book grid, shared by the home page and search results. */
export function CatalogGrid({ books }: { books: CatalogEntry[] }) {
  return (
    <ul aria-label="Publications" className="mt-10 grid grid-cols-2 gap-x-6 gap-y-10 sm:grid-cols-3 lg:grid-cols-5">
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
  );
}
