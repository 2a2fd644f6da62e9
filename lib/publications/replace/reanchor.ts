import { foldShort, foldText } from "./text";

// Re-anchoring highlights in a new edition of a book. A highlight is its quote, the text around
// it, and its chapter and offset: the quote is looked for (folded for whitespace, quotes and
// dashes) first in the chapter the old one maps to, then in every chapter; among the places it
// occurs, the one whose surrounding text matches the old context best wins, ties going to the one
// nearest the old relative position. No place at all: the highlight is unplaced.

export type OldChapter = { index: number; href: string; title: string; text: string };
export type NewChapter = { index: number; href: string; title: string; text: string };
export type Anchor = { chapterIndex: number; start: number; end: number; quote: string };
export type Placed = { chapterIndex: number; start: number; end: number; quote: string };

const CONTEXT = 48;

/**
 * Placing every highlight of a much-read book is seconds of CPU (a one-letter quote is looked for
 * at each of its occurrences in the book). The returned function, awaited between placements,
 * yields to the event loop once `sliceMs` of work has passed, so other requests are served meanwhile.
 */
export function turnTaker(sliceMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
const stripFragment = (href: string) => href.split("#")[0]!;

/**
 * Old chapter index → new: same file name, else the same (unique) title, else the chapter at the
 * same share of the book.
 */
export function mapChapters(oldChapters: OldChapter[], newChapters: NewChapter[]): Map<number, number> {
  const byHref = new Map<string, number>();
  for (const c of newChapters) if (!byHref.has(stripFragment(c.href))) byHref.set(stripFragment(c.href), c.index);
  const titleCount = new Map<string, number>();
  for (const c of newChapters) titleCount.set(c.title.trim().toLowerCase(), (titleCount.get(c.title.trim().toLowerCase()) ?? 0) + 1);
  const byTitle = new Map<string, number>();
  for (const c of newChapters) if (c.title.trim() && titleCount.get(c.title.trim().toLowerCase()) === 1) byTitle.set(c.title.trim().toLowerCase(), c.index);
  const map = new Map<number, number>();
  const oldTotal = Math.max(1, oldChapters.length);
  for (const c of oldChapters) {
    const found = byHref.get(stripFragment(c.href)) ?? byTitle.get(c.title.trim().toLowerCase());
    const proportional = Math.min(newChapters.length - 1, Math.floor((c.index / oldTotal) * newChapters.length));
    map.set(c.index, found ?? Math.max(0, proportional));
  }
  return map;
}

/** Characters two strings share at their ends (`fromEnd`) or starts. */
function shared(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

type Folded = { folded: string; at: number[] };

export class Reanchorer {
  private readonly folded = new Map<number, Folded>();
  private readonly oldById = new Map<number, OldChapter>();
  readonly chapterMap: Map<number, number>;

  constructor(oldChapters: OldChapter[], private readonly newChapters: NewChapter[]) {
    for (const c of oldChapters) this.oldById.set(c.index, c);
    this.chapterMap = mapChapters(oldChapters, newChapters);
  }

  private foldedOf(index: number): Folded {
    let f = this.folded.get(index);
    if (!f) {
      f = foldText(this.newChapters[index]!.text);
      this.folded.set(index, f);
    }
    return f;
  }

  /** Where the highlight goes in the new edition, or null when its quote is nowhere in it. */
  place(anchor: Anchor): Placed | null {
    const needle = foldShort(anchor.quote);
    if (!needle || !this.newChapters.length) return null;
    const old = this.oldById.get(anchor.chapterIndex);
    const oldText = old?.text ?? "";
    // The old context, from the old chapter's text around the old offsets (when they still held the quote).
    const exact = oldText.slice(anchor.start, anchor.end) === anchor.quote;
    const before = exact ? foldText(oldText.slice(Math.max(0, anchor.start - CONTEXT * 2), anchor.start)).folded.trimStart().slice(-CONTEXT) : "";
    const after = exact ? foldText(oldText.slice(anchor.end, anchor.end + CONTEXT * 2)).folded.trimEnd().slice(0, CONTEXT) : "";
    const oldShare = oldText.length ? anchor.start / oldText.length : 0;
    const home = this.chapterMap.get(anchor.chapterIndex) ?? Math.min(anchor.chapterIndex, this.newChapters.length - 1);

    const search = (indexes: number[]) => {
      let best: { score: number; chapter: number; at: number } | null = null;
      for (const index of indexes) {
        const { folded } = this.foldedOf(index);
        for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
          const ctx = shared(folded.slice(Math.max(0, at - CONTEXT), at).trimEnd(), before.trimEnd(), true)
            + shared(folded.slice(at + needle.length, at + needle.length + CONTEXT).trimStart(), after.trimStart(), false);
          const nearness = 1 - Math.min(1, Math.abs(at / Math.max(1, folded.length) - oldShare));
          const score = ctx * 10 + (index === home ? 5 : 0) + nearness * 4;
          if (!best || score > best.score) best = { score, chapter: index, at };
        }
      }
      return best;
    };
    // The mapped chapter first; the whole book only when the quote is not there, or its context is not.
    let best = search([home]);
    const fullContext = Math.min(before.trimEnd().length, CONTEXT) + Math.min(after.trimStart().length, CONTEXT);
    if (!best || best.score < fullContext * 10) {
      const elsewhere = search(this.newChapters.map((c) => c.index).filter((i) => i !== home));
      if (elsewhere && (!best || elsewhere.score > best.score)) best = elsewhere;
    }
    if (!best) return null;
    const { at } = this.foldedOf(best.chapter);
    const text = this.newChapters[best.chapter]!.text;
    const start = at[best.at]!;
    const end = at[best.at + needle.length - 1]! + 1;
    return { chapterIndex: best.chapter, start, end, quote: text.slice(start, end) };
  }
}
