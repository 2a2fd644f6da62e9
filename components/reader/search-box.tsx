"use client";
import { useState } from "react";
import { getJson, ReaderApiError } from "./api";

type Hit = { chapterIndex: number; chapterTitle: string; snippet: string; offset: number };
type Props = {
  slug: string; onGo: (chapterIndex: number, query: string, occurrence: number) => void;
  /** Where a chapter sits in the book ("Book One › Part Two › Chapter III"), by chapter index. */
  trailOf?: (chapterIndex: number) => string | null;
  /** PDFs: hits are named by page number. */
  unit?: "chapter" | "page";
};

/** Search inside the book (the search API checks access like the chapters do). */
export function SearchBox({ slug, onGo, trailOf, unit = "chapter" }: Props) {
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<{ query: string; hits: Hit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const q = query.trim().replace(/\s+/g, " ");
    try {
      const { hits } = await getJson<{ hits: Hit[] }>(`/api/publications/${encodeURIComponent(slug)}/search?q=${encodeURIComponent(q)}`);
      setResult({ query: q, hits });
      setError(null);
    } catch (e) {
      setError(e instanceof ReaderApiError ? e.message : "The search did not run. Try again.");
    }
    setBusy(false);
  };
  // Matches are counted per chapter, in order: the n-th hit in a chapter is its n-th match.
  const occurrence = (hits: Hit[], i: number) => hits.slice(0, i).filter((h) => h.chapterIndex === hits[i]!.chapterIndex).length;
  return (
    <div className="border-b border-(--reader-border) p-3">
      <form role="search" onSubmit={search} className="flex gap-2">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search in this book" aria-label="Search in this book"
          className="min-w-0 flex-1 rounded-md border border-(--reader-border) bg-(--reader-bg) px-2 py-1.5 text-sm" />
        <button type="submit" disabled={busy || query.trim().length < 2} className="rounded-md border border-(--reader-border) px-3 py-1.5 text-sm hover:bg-(--reader-hover) disabled:opacity-50">
          {busy ? "…" : "Search"}
        </button>
      </form>
      {error && <p role="alert" className="mt-2 text-sm text-red-600">{error}</p>}
      {result && (
        <div className="mt-2" aria-live="polite">
          <p className="text-xs text-(--reader-muted)">{result.hits.length ? `${result.hits.length}${result.hits.length >= 50 ? "+" : ""} matches` : `No matches for “${result.query}”.`}</p>
          <ol className="mt-1 max-h-72 overflow-y-auto">
            {result.hits.map((h, i) => (
              <li key={`${h.chapterIndex}-${h.offset}`}>
                <button type="button" onClick={() => onGo(h.chapterIndex, result.query, occurrence(result.hits, i))}
                  className="block w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-(--reader-hover)">
                  <span className="block text-xs font-semibold text-(--reader-muted)">{unit === "page" ? `Page ${h.chapterIndex + 1}` : trailOf?.(h.chapterIndex) ?? h.chapterTitle}</span>
                  <span className="line-clamp-2 font-serif">{h.snippet}</span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
