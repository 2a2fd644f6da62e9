"use client";
import { useMemo, useState } from "react";
import { DEFAULT_SCORE, defaultReadingTitle, MAX_SCORE, MAX_TITLE, type PickerBook, type PickerEntry } from "@/lib/lti/deep-link-choice";

export type ReadingFormInitial = { scope: "book" | "range"; start?: string; end?: string; title?: string; graded: boolean; score?: string };

type Props = {
  token: string;
  slug: string;
  bookTitle: string;
  entries: PickerEntry[];
  gradable: boolean;
  initial: ReadingFormInitial;
  /** A PDF's entries are its pages. */
  unit?: "chapter" | "page";
};

const indent = (depth: number) => "\u00a0\u00a0\u00a0".repeat(Math.min(depth, 6));

/**
 * The reading an instructor links: the whole book or a range of its contents, a title that
 * follows the range until they type their own, and a grade when the platform takes one. A plain
 * form underneath: without script it posts the same fields, and the server derives the title.
 */
export function ReadingForm({ token, slug, bookTitle, entries, gradable, initial, unit = "chapter" }: Props) {
  const book: PickerBook = useMemo(
    () => ({ title: bookTitle, entries, chapterIndexes: new Set(entries.map((e) => e.chapterIndex)), chapterTitles: new Map(), unit }),
    [bookTitle, entries, unit],
  );
  const first = entries[0]?.key;
  const [scope, setScope] = useState(initial.scope);
  const [start, setStart] = useState(initial.start ?? first ?? "");
  const [end, setEnd] = useState(initial.end ?? first ?? "");
  const auto = defaultReadingTitle(book, scope, start, end);
  const initialAuto = defaultReadingTitle(book, initial.scope, initial.start ?? first, initial.end ?? first);
  const [typed, setTyped] = useState<string | null>(initial.title && initial.title !== initialAuto ? initial.title : null);
  const [graded, setGraded] = useState(initial.graded);
  const title = typed ?? auto;
  const canRange = entries.length > 0;

  const pick = (set: (v: string) => void) => (event: React.ChangeEvent<HTMLSelectElement>) => {
    set(event.target.value);
    setScope("range");
  };

  return (
    <form method="post" action="/api/lti/deep-link" className="mt-6 space-y-6">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="slug" value={slug} />
      <fieldset className="space-y-3">
        <legend className="font-medium">What students read</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" value="book" checked={scope === "book"} onChange={() => setScope("book")} /> The whole book
        </label>
        {canRange && (
          <>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="range" checked={scope === "range"} onChange={() => setScope("range")} /> Part of it
            </label>
            <div className={`grid gap-3 pl-6 sm:grid-cols-2 ${scope === "range" ? "" : "opacity-60"}`}>
              <label className="block text-sm">
                From
                <select name="start" value={start} onChange={pick(setStart)} className="mt-1 block w-full rounded-md border border-stone-300 px-2 py-1.5">
                  {entries.map((e, i) => <option key={`${e.key}-${i}`} value={e.key}>{indent(e.depth)}{e.title}</option>)}
                </select>
              </label>
              <label className="block text-sm">
                To the end of
                <select name="end" value={end} onChange={pick(setEnd)} className="mt-1 block w-full rounded-md border border-stone-300 px-2 py-1.5">
                  {entries.map((e, i) => <option key={`${e.key}-${i}`} value={e.key}>{indent(e.depth)}{e.title}</option>)}
                </select>
              </label>
              <p className="text-xs text-stone-500 sm:col-span-2">{unit === "page" ? "The reading runs from the first page to the end of the last." : "The reading starts at the first entry and runs to the end of the chapter the last entry is in."}</p>
            </div>
          </>
        )}
      </fieldset>
      <label className="block">
        <span className="font-medium">Title in the course</span>
        <input name="title" value={title} maxLength={MAX_TITLE} onChange={(e) => setTyped(e.target.value)}
          className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2" />
        {/* While the title is still this one, the server makes it follow the range (forms without script). */}
        <input type="hidden" name="autoTitle" value={auto} />
      </label>
      {gradable && (
        <fieldset className="space-y-2">
          <legend className="font-medium">Grade</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="graded" checked={graded} onChange={(e) => setGraded(e.target.checked)} /> Graded: the course gradebook gets each student&apos;s share of the reading
          </label>
          <label className="flex items-center gap-2 pl-6 text-sm">
            Maximum score
            <input type="number" name="score" min="0" max={MAX_SCORE} step="any" defaultValue={initial.score ?? DEFAULT_SCORE}
              className="w-24 rounded-md border border-stone-300 px-2 py-1" />
          </label>
        </fieldset>
      )}
      <button className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-orange-900">Add to course</button>
    </form>
  );
}
