import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listMyLibrary } from "@/lib/library/my-library";
import { getMyReadingStats } from "@/lib/reading/stats";
import { BookCard } from "./_components/book-card";
import { MyReading } from "./_components/my-reading";

export const metadata: Metadata = { title: "My library" };

/** Where a signed-in person (and every LTI launch without a linked book) lands. */
export default async function LibraryPage() {
  const user = await requirePageUser("/library");
  const [books, reading] = await Promise.all([listMyLibrary({ userId: user.id }), getMyReadingStats({ userId: user.id })]);
  const inProgress = books.filter((b) => b.chapterIndex !== null);
  const rest = books.filter((b) => b.chapterIndex === null);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">My library</h1>
      <p className="mt-2 max-w-xl text-stone-600">
        {books.length ? "The books you can read, with your place kept in each, on every device." : "No books to read yet."}
      </p>
      {books.length === 0 && (
        <p className="mt-6 text-stone-700">
          Your access does not include any books yet. If your school uses Folio, open it from your course; or browse the <Link href="/" className="text-brand underline">catalog</Link> for free books.
        </p>
      )}
      {inProgress.length > 0 && (
        <section aria-labelledby="continue" className="mt-10">
          <h2 id="continue" className="text-sm font-semibold uppercase tracking-wide text-stone-500">Continue reading</h2>
          <ul className="mt-4 grid grid-cols-2 gap-x-6 gap-y-10 sm:grid-cols-3 lg:grid-cols-5">
            {inProgress.map((b) => <BookCard key={b.slug} book={b} />)}
          </ul>
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="all-books" className="mt-12">
          <h2 id="all-books" className="text-sm font-semibold uppercase tracking-wide text-stone-500">{inProgress.length ? "More to read" : "Your books"}</h2>
          <ul className="mt-4 grid grid-cols-2 gap-x-6 gap-y-10 sm:grid-cols-3 lg:grid-cols-5">
            {rest.map((b) => <BookCard key={b.slug} book={b} />)}
          </ul>
        </section>
      )}
      <MyReading books={reading} />
    </main>
  );
}
