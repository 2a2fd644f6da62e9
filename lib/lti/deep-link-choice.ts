import { z } from "zod";
import type { TocEntry } from "@/lib/publications/epub/toc";

// What an instructor may choose in the deep-linking picker, and how the choice becomes the
// content item's custom parameters. Pure: the picker page, its client form and the server's
// check share it, so the title the form prefills is the one the server derives.
//
// A range runs from a contents entry to a contents entry. It starts where the first entry points
// (its spine chapter, at its element when it has one) and ends at the end of the spine chapter the
// last entry lives in: the reader's unit is the spine chapter, and a range that stopped mid-chapter
// could never be "read" by the chapter rule (docs/decisions/0019).

export const MAX_TITLE = 200;
export const MAX_SCORE = 1000;
export const DEFAULT_SCORE = 100;

/** A contents entry as the picker lists it; `key` is the custom `start` form of where it points. */
export type PickerEntry = { key: string; chapterIndex: number; fragment: string | null; title: string; depth: number };

export const entryKey = (chapterIndex: number, fragment?: string | null) => (fragment ? `${chapterIndex}#${fragment}` : String(chapterIndex));

/** The book's contents, flattened in reading order; its chapter list when it has no contents. */
export function pickerEntries(toc: TocEntry[], chapters: { index: number; title: string | null }[]): PickerEntry[] {
  if (!toc.length) return chapters.map((c) => ({ key: entryKey(c.index), chapterIndex: c.index, fragment: null, title: c.title || `Chapter ${c.index + 1}`, depth: 0 }));
  const out: PickerEntry[] = [];
  const walk = (entries: TocEntry[], depth: number) => {
    for (const e of entries) {
      out.push({ key: entryKey(e.chapterIndex, e.fragment), chapterIndex: e.chapterIndex, fragment: e.fragment ?? null, title: e.title, depth });
      if (e.children?.length) walk(e.children, depth + 1);
    }
  };
  walk(toc, 0);
  return out;
}

/**
 * A PDF's pages, one entry each ("p. 12", with the outline's title where a section starts on it):
 * a PDF reading is a page range, and its unit of "read" is the page.
 */
export function pdfPickerEntries(toc: TocEntry[], pageCount: number): PickerEntry[] {
  const starts = new Map<number, string>();
  const walk = (entries: TocEntry[]) => {
    for (const e of entries) {
      if (!starts.has(e.chapterIndex)) starts.set(e.chapterIndex, e.title);
      if (e.children?.length) walk(e.children);
    }
  };
  walk(toc);
  return Array.from({ length: pageCount }, (_, i) => {
    const section = starts.get(i);
    return { key: entryKey(i), chapterIndex: i, fragment: null, title: section ? `p. ${i + 1} · ${section}` : `p. ${i + 1}`, depth: 0 };
  });
}

/** "3" or "3#sec-2": a spine index and, optionally, the book's own element id (not the reader's bk- id). */
const pointSchema = z.string().trim().max(300).regex(/^\d{1,6}(#[^\s#]{1,200})?$/);

const optional = (schema: z.ZodType<string>) => z.preprocess((v) => (v === null || v === "" ? undefined : v), schema.optional());

export const choiceFormSchema = z.object({
  token: z.string().min(1).max(4000),
  slug: z.string().min(1).max(200),
  scope: z.enum(["book", "range"]).catch("book"),
  start: optional(z.string().max(300)),
  end: optional(z.string().max(300)),
  title: z.preprocess((v) => (v === null ? undefined : v), z.string().max(2000).optional()),
  /** The title the form prefilled: when the title is still that, it follows the range (no-JS forms). */
  autoTitle: z.preprocess((v) => (v === null ? undefined : v), z.string().max(2000).optional()),
  graded: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
  score: optional(z.string().max(40)),
});
export type ChoiceForm = z.infer<typeof choiceFormSchema>;

/** Why a choice was refused; the picker page says it in a sentence. */
export const CHOICE_PROBLEMS = {
  book: "That book is not available to this course: choose one from the list.",
  range: "Choose where the reading starts and ends from the book's contents.",
  order: "The reading must end at or after the place where it starts.",
  title: `Give the reading a title of at most ${MAX_TITLE} characters.`,
  score: `The maximum score must be a number above 0 and at most ${MAX_SCORE}.`,
  graded: "This course does not accept grades from Folio: add the reading without a grade.",
} as const;
export type ChoiceProblem = keyof typeof CHOICE_PROBLEMS;

export type ValidChoice = {
  title: string;
  /** Null for the whole book. */
  range: { startChapter: number; startFragment: string | null; endChapter: number } | null;
  /** Null when not graded. */
  scoreMaximum: number | null;
};

function pointIn(book: PickerBook, value: string | undefined): { chapterIndex: number; fragment: string | null; entry: PickerEntry | null } | null {
  const parsed = pointSchema.safeParse(value);
  if (!parsed.success) return null;
  const [index, fragment = null] = parsed.data.split(/#(.*)/s, 2) as [string, string?];
  const chapterIndex = Number(index);
  if (!book.chapterIndexes.has(chapterIndex)) return null;
  const entry = book.entries.find((e) => e.chapterIndex === chapterIndex && e.fragment === fragment) ?? null;
  // A section start must be one the contents name: only those ids are known to exist.
  if (fragment && !entry) return null;
  return { chapterIndex, fragment, entry };
}

export type PickerBook = {
  title: string; entries: PickerEntry[]; chapterIndexes: Set<number>; chapterTitles: Map<number, string>;
  /** A PDF's entries are pages: its titles name page numbers. */
  unit?: "chapter" | "page";
};

const pointTitle = (book: PickerBook, point: { chapterIndex: number; entry: PickerEntry | null }) =>
  point.entry?.title || book.chapterTitles.get(point.chapterIndex) || `Chapter ${point.chapterIndex + 1}`;

/** "Book — Chapter 3 to Chapter 5", "Book — Chapter 3", or the book's title for the whole book. */
export function defaultReadingTitle(book: PickerBook, scope: "book" | "range", start?: string, end?: string): string {
  const from = scope === "range" ? pointIn(book, start) : null;
  const to = scope === "range" ? pointIn(book, end) : null;
  if (!from || !to) return book.title.slice(0, MAX_TITLE);
  if (book.unit === "page") {
    const [a, b] = [from.chapterIndex + 1, to.chapterIndex + 1];
    return `${book.title} — ${a === b ? `page ${a}` : `pages ${a}–${b}`}`.slice(0, MAX_TITLE);
  }
  const a = pointTitle(book, from);
  const b = pointTitle(book, to);
  return `${book.title} — ${a === b ? a : `${a} to ${b}`}`.slice(0, MAX_TITLE);
}

/** The choice, checked against the book and what the platform offers, or the first problem with it. */
export function validateChoice(form: ChoiceForm, book: PickerBook, gradable: boolean): { ok: true; choice: ValidChoice } | { ok: false; problem: ChoiceProblem } {
  let range: ValidChoice["range"] = null;
  if (form.scope === "range") {
    const from = pointIn(book, form.start);
    const to = pointIn(book, form.end);
    if (!from || !to) return { ok: false, problem: "range" };
    if (from.chapterIndex > to.chapterIndex) return { ok: false, problem: "order" };
    range = { startChapter: from.chapterIndex, startFragment: from.fragment, endChapter: to.chapterIndex };
  }
  const typed = (form.title ?? "").trim().replace(/\s+/g, " ");
  const untouched = !typed || (form.autoTitle !== undefined && typed === form.autoTitle.trim().replace(/\s+/g, " "));
  const title = untouched ? defaultReadingTitle(book, form.scope, form.start, form.end) : typed;
  if (title.length > MAX_TITLE) return { ok: false, problem: "title" };
  let scoreMaximum: number | null = null;
  if (form.graded) {
    if (!gradable) return { ok: false, problem: "graded" };
    const score = z.coerce.number().finite().positive().max(MAX_SCORE).safeParse(form.score ?? DEFAULT_SCORE);
    if (!score.success) return { ok: false, problem: "score" };
    scoreMaximum = score.data;
  }
  return { ok: true, choice: { title, range, scoreMaximum } };
}

/** The content item's custom parameters, which every launch of the link carries back. */
export function customParameters(slug: string, choice: ValidChoice): Record<string, string> {
  const custom: Record<string, string> = { publication: slug };
  if (choice.range) {
    custom.start = entryKey(choice.range.startChapter, choice.range.startFragment);
    custom.end = String(choice.range.endChapter);
  }
  if (choice.scoreMaximum !== null) custom.score_maximum = String(choice.scoreMaximum);
  return custom;
}
