"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { AccountLinks } from "@/components/account-links";
import { HeaderBar } from "@/components/header-bar";
import { loginPath } from "@/lib/auth/login-path";
import type { MyLibrary } from "@/lib/library/my-library";
import { BookCard } from "./book-card";
import { MyReading } from "./my-reading";

type State = { kind: "loading" } | { kind: "failed" } | { kind: "ready"; library: MyLibrary };

/** "My library": the person's books and reading, fetched once the page (served from cache) is up. */
export function LibraryView() {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "loading" });

  const load = useCallback(async () => {
    setState({ kind: "loading" });
    try {
      const response = await fetch("/api/library", { credentials: "same-origin", cache: "no-store" });
      if (response.status === 401) return router.replace(loginPath("/library"));
      if (!response.ok) return setState({ kind: "failed" });
      setState({ kind: "ready", library: (await response.json()) as MyLibrary });
    } catch {
      setState({ kind: "failed" });
    }
  }, [router]);

  useEffect(() => {
    // Data loading on mount: the state is set when the request settles, not during render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const me = state.kind === "ready" ? state.library.me : null;
  return (
    <>
      <HeaderBar showLibrary account={me ? <AccountLinks user={me} /> : null} />
      <main className="mx-auto max-w-6xl px-4 py-10" aria-busy={state.kind === "loading"}>
        <h1 className="font-serif text-4xl font-semibold tracking-tight">My library</h1>
        {state.kind === "loading" && <Shelf />}
        {state.kind === "failed" && (
          <div role="alert" className="mt-6 max-w-xl rounded-md border border-red-200 bg-red-50 p-4 text-red-900">
            Your library could not be loaded just now.{" "}
            <button type="button" onClick={() => void load()} className="font-medium underline">Try again</button>
          </div>
        )}
        {state.kind === "ready" && <Books library={state.library} />}
      </main>
    </>
  );
}

function Books({ library }: { library: MyLibrary }) {
  const { books, reading } = library;
  const inProgress = books.filter((b) => b.chapterIndex !== null);
  const rest = books.filter((b) => b.chapterIndex === null);
  return (
    <>
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
    </>
  );
}

/** Placeholders the size of the shelf, while the books load. */
function Shelf() {
  return (
    <>
      <p className="sr-only">Loading your books…</p>
      <div className="mt-3 h-5 w-96 max-w-full animate-pulse rounded bg-stone-200" />
      <ul className="mt-12 grid grid-cols-2 gap-x-6 gap-y-10 sm:grid-cols-3 lg:grid-cols-5" aria-hidden>
        {Array.from({ length: 5 }, (_, i) => (
          <li key={i} className="flex flex-col">
            <div className="aspect-[2/3] w-full animate-pulse rounded-md bg-stone-200" />
            <div className="mt-3 h-4 w-3/4 animate-pulse rounded bg-stone-200" />
            <div className="mt-2 h-3 w-1/2 animate-pulse rounded bg-stone-200" />
          </li>
        ))}
      </ul>
    </>
  );
}
