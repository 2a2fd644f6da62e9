import Link from "next/link";
import { BookCover } from "@/components/book-cover";
import type { MyLibrary } from "@/lib/library/my-library";
import { formatPercent } from "./format";
import { ProgressBar } from "./progress-bar";

/** A book in "My library": cover, progress, and the way back in. */
export function BookCard({ book }: { book: MyLibrary["books"][number] }) {
  const started = book.chapterIndex !== null;
  return (
    <li className="flex flex-col">
      <Link href={`/read/${book.slug}`} className="group block" aria-label={`${started ? "Continue reading" : "Start reading"} ${book.title}`}>
        <BookCover slug={book.slug} title={book.title} author={book.author} hasCover={book.hasCover} cover={book.cover} className="transition group-hover:-translate-y-1 group-hover:shadow-lg" />
      </Link>
      <h3 className="mt-3 font-serif text-base font-semibold leading-snug">{book.title}</h3>
      <p className="text-sm text-stone-600">{book.author}</p>
      <div className="mt-auto pt-3">
        {started ? (
          <>
            <ProgressBar percent={book.percent} label={`Progress in ${book.title}`} />
            <p className="mt-1 text-xs text-stone-500">{formatPercent(book.percent)} read</p>
          </>
        ) : book.isFree ? <p className="text-xs text-stone-500">Free</p> : null}
        <Link href={`/read/${book.slug}`} className="mt-2 inline-block text-sm font-medium text-brand hover:underline">
          {started ? "Continue reading →" : "Start reading →"}
        </Link>
      </div>
    </li>
  );
}
