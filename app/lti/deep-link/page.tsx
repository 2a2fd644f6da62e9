import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { BookCover } from "@/components/book-cover";
import { getDeepLinkPicker } from "@/lib/lti/deep-link-picker";
import { CHOICE_PROBLEMS, type ChoiceProblem } from "@/lib/lti/deep-link-choice";
import { LtiError } from "@/lib/lti/errors";
import { ReadingForm } from "./_components/reading-form";

export const metadata: Metadata = { title: "Add a reading to your course" };

const TITLES: Record<string, string> = {
  LTI_INTEGRATION_DISABLED: "This integration is switched off",
  LTI_DEEP_LINK_CONTEXT_INVALID: "This link has expired",
};

const text = (max: number) => z.string().max(max).optional().catch(undefined);
// What the picker was asked for, and after a refused choice what the instructor had chosen.
const querySchema = z.object({
  token: z.string().max(4000).catch(""),
  q: text(200),
  book: text(200),
  scope: z.enum(["book", "range"]).catch("book"),
  start: text(300),
  end: text(300),
  title: text(400),
  graded: z.string().optional().transform((v) => v === "1").catch(false),
  score: text(40),
  problem: z.enum(Object.keys(CHOICE_PROBLEMS) as [ChoiceProblem, ...ChoiceProblem[]]).optional().catch(undefined),
});

type Search = Record<string, string | string[] | undefined>;
const single = (search: Search) => Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

export default async function DeepLinkPickerPage({ searchParams }: { searchParams: Promise<Search> }) {
  const query = querySchema.parse(single(await searchParams));
  const { token } = query;
  let picker: Awaited<ReturnType<typeof getDeepLinkPicker>>;
  try {
    picker = await getDeepLinkPicker(token, { query: query.q, book: query.book });
  } catch (error) {
    if (!(error instanceof LtiError)) throw error;
    return (
      <main className="mx-auto max-w-lg px-6 py-16 text-center">
        <h1 className="text-xl font-semibold">{TITLES[error.code] ?? "This link has expired"}</h1>
        <p className="mt-2 text-stone-600">{error.message}</p>
        <p className="mt-4 font-mono text-xs text-stone-500">{error.code}</p>
      </main>
    );
  }
  const { books, book, gradable } = picker;
  const here = (params: Record<string, string | undefined>) =>
    `/lti/deep-link?${new URLSearchParams(Object.entries({ token, q: query.q, ...params }).filter((e): e is [string, string] => !!e[1]))}`;

  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <h1 className="font-serif text-3xl font-semibold">Add a reading to your course</h1>
      <p className="mt-2 text-stone-600">Students who open the activity go straight to the reading you choose: a whole book or part of it.</p>
      {query.problem && (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-4 py-2 text-red-800">
          {CHOICE_PROBLEMS[query.problem]} Nothing was sent to the course.
        </p>
      )}
      {book && (
        <section aria-labelledby="chosen-book" className="mt-6 grid gap-6 rounded-lg border border-stone-200 p-6 sm:grid-cols-[8rem_1fr]">
          <BookCover slug={book.slug} title={book.title} author={book.author} hasCover={book.hasCover} />
          <div>
            <h2 id="chosen-book" className="font-serif text-2xl font-semibold">{book.title}</h2>
            <p className="text-stone-600">{book.author}</p>
            <ReadingForm key={`${book.slug}-${query.problem ?? ""}`} token={token} slug={book.slug} bookTitle={book.title} entries={book.entries} unit={book.unit} gradable={gradable}
              initial={{ scope: query.scope, start: query.start, end: query.end, title: query.title, graded: query.graded, score: query.score }} />
            <p className="mt-4 text-sm"><Link href={here({})} className="text-brand underline">Choose another book</Link></p>
          </div>
        </section>
      )}
      <form method="get" action="/lti/deep-link" role="search" className="mt-8 flex gap-2">
        <input type="hidden" name="token" value={token} />
        <label className="sr-only" htmlFor="picker-q">Search by title or author</label>
        <input id="picker-q" name="q" type="search" defaultValue={query.q} placeholder="Search by title or author" maxLength={200}
          className="w-full max-w-md rounded-md border border-stone-300 px-3 py-2" />
        <button className="rounded-md border border-stone-300 px-4 py-2 hover:bg-stone-100">Search</button>
      </form>
      {books.length === 0 ? (
        <p className="mt-6 text-stone-600">{query.q ? "No book in this course's library matches that search." : "This course's library has no books yet."}</p>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-6 sm:grid-cols-3 lg:grid-cols-5">
          {books.map((b) => (
            <li key={b.slug}>
              <Link href={here({ book: b.slug })} aria-current={book?.slug === b.slug ? "true" : undefined} className="block">
                <BookCover {...b} />
                <p className="mt-2 font-serif font-semibold leading-snug">{b.title}</p>
                <p className="text-sm text-stone-600">{b.author}</p>
                <span className="mt-1 inline-block text-sm text-brand underline">Choose</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
