// Where the reader opens for an assigned reading, and how it names the range. Pure, so the page
// and its tests agree.

/** An assigned range within a book, in spine indexes (inclusive); the start may be an element. */
export type AssignedRange = { start: number; startFragment: string | null; end: number };

/**
 * The stored range clipped to the book: null for the whole book, or when the book no longer has
 * the chapter the range starts at (re-uploaded shorter), in which case the link still opens it.
 */
export function rangeInBook(reading: { startChapter: number | null; startFragment: string | null; endChapter: number | null }, count: number): AssignedRange | null {
  if (reading.startChapter === null && reading.endChapter === null) return null;
  const start = reading.startChapter ?? 0;
  if (start < 0 || start >= count) return null;
  const end = Math.min(Math.max(reading.endChapter ?? count - 1, start), count - 1);
  return { start, startFragment: reading.startChapter === null ? null : reading.startFragment, end };
}

export const inRange = (range: AssignedRange, chapterIndex: number) => chapterIndex >= range.start && chapterIndex <= range.end;

/**
 * Opens at the start of the range, unless the person's saved place is already inside it: then
 * they continue where they were.
 */
export function openingChapter(range: AssignedRange, saved: { chapterIndex: number } | null): { index: number; atStart: boolean } {
  if (saved && inRange(range, saved.chapterIndex)) return { index: saved.chapterIndex, atStart: false };
  return { index: range.start, atStart: true };
}

type TocItem = { title: string; chapterIndex: number; fragment?: string; children?: TocItem[] };
type Toc = TocItem[];

function firstEntry(toc: Toc, match: (e: TocItem) => boolean): TocItem | null {
  for (const e of toc) {
    if (match(e)) return e;
    const inner = e.children?.length ? firstEntry(e.children, match) : null;
    if (inner) return inner;
  }
  return null;
}

/** The contents' names for where the range starts and the chapter it ends with. */
export function rangeLabels(range: AssignedRange, toc: Toc, chapters: { index: number; title: string }[]): { from: string; to: string } {
  const chapterName = (i: number) =>
    firstEntry(toc, (e) => e.chapterIndex === i && !e.fragment)?.title || chapters.find((c) => c.index === i)?.title || `Chapter ${i + 1}`;
  const from = range.startFragment
    ? firstEntry(toc, (e) => e.chapterIndex === range.start && e.fragment === range.startFragment)?.title || chapterName(range.start)
    : chapterName(range.start);
  return { from, to: chapterName(range.end) };
}
