import type { TocEntry } from "@/lib/publications/epub/toc";

// Where a chapter sits in the book (Book › Part › Chapter), from the nesting of the table of
// contents. Pure: the reader computes it in the browser, tests call it directly.

const ROMAN = /^[IVXLCDM]+$/;
const ONES = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
  "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"];
const TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

/** The value of a Roman numeral (I..MMMM), or null when the letters do not make one. */
export function romanValue(numeral: string): number | null {
  if (!ROMAN.test(numeral) || numeral.length > 12) return null;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  const digits = [...numeral.toUpperCase()].map((c) => values[c]!);
  let total = 0;
  for (const [i, v] of digits.entries()) total += v < (digits[i + 1] ?? 0) ? -v : v;
  // Only the canonical spelling counts ("IIII", "VX", "IC" are words, not numbers).
  return total > 0 && toRoman(total) === numeral.toUpperCase() ? total : null;
}

function toRoman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [value, letters] of table) while (n >= value) { out += letters; n -= value; }
  return out;
}

/** 1..99 in words ("Twenty-One"); null outside. */
export function numberWord(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 99) return null;
  if (n < 20) return ONES[n]!;
  return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : "");
}

const numeralValue = (s: string) => (/^\d{1,2}$/.test(s) ? Number(s) : romanValue(s));

/**
 * A table-of-contents label as a reader says it: a bare number ("XI", "7", "I: Down the
 * Rabbit-Hole") is a chapter; "Book I" and "Part II: 1805" spell their number ("Book One").
 */
export function humanizeLabel(title: string, isChapter: boolean): string {
  const label = title.replace(/\s+/g, " ").trim();
  const bare = /^([IVXLCDM]+|\d{1,4})\.?(?=$|\s*[:.—–-])(.*)$/.exec(label);
  if (bare && isChapter && (/^\d/.test(bare[1]!) || romanValue(bare[1]!) !== null)) return `Chapter ${bare[1]}${bare[2]}`;
  const division = /^(Book|Part|Volume)\s+([IVXLCDM]+|\d{1,2})\b(.*)$/.exec(label);
  if (division) {
    const value = numeralValue(division[2]!);
    const word = value === null ? null : numberWord(value);
    if (word) return `${division[1]} ${word}${division[3]}`;
  }
  return label;
}

const normalize = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’']/g, "'").replace(/\s+/g, " ").trim().toLowerCase();

/** The entries from the root down to the one for `chapterIndex` (preferring one without a #fragment). */
export function tocPath(toc: TocEntry[], chapterIndex: number): TocEntry[] {
  let exact: TocEntry[] | null = null;
  let partial: TocEntry[] | null = null;
  let before: TocEntry[] | null = null;
  const walk = (entries: TocEntry[], trail: TocEntry[]) => {
    for (const e of entries) {
      const path = [...trail, e];
      if (e.chapterIndex === chapterIndex) {
        // The deepest entry that names the file itself describes the chapter best.
        if (!e.fragment && (!exact || path.length > exact.length)) exact = path;
        else if (e.fragment && !partial) partial = path;
      } else if (e.chapterIndex < chapterIndex) {
        before = path; // the last entry before the chapter, in reading order
      }
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(toc, []);
  // A chapter the contents skip belongs to the section the previous entry opened (its ancestors).
  return exact ?? partial ?? (before ? (before as TocEntry[]).slice(0, -1) : []);
}

/**
 * "Book One › Part One: 1805 › Chapter I" for a chapter: its path in the contents, less levels
 * that only repeat the book's title. Falls back to the chapter's own title.
 */
export function chapterTrail(input: { toc: TocEntry[]; bookTitle: string; chapterIndex: number; chapterTitle?: string }): string[] {
  const book = normalize(input.bookTitle);
  const path = tocPath(input.toc, input.chapterIndex).filter((e) => normalize(e.title) !== book && e.title !== "Untitled");
  const leaf = path[path.length - 1];
  const labels = path.map((e) => humanizeLabel(e.title, e === leaf && e.chapterIndex === input.chapterIndex));
  if (!leaf || leaf.chapterIndex !== input.chapterIndex) {
    const own = input.chapterTitle?.trim() || `Section ${input.chapterIndex + 1}`;
    labels.push(humanizeLabel(own, true));
  }
  return labels;
}

export const TRAIL_SEPARATOR = " › ";
export const trailText = (trail: string[]) => trail.join(TRAIL_SEPARATOR);

/** Trails for every chapter at once (one walk per chapter; books have at most a few thousand). */
export function chapterTrails(toc: TocEntry[], bookTitle: string, chapters: { index: number; title: string }[]): string[][] {
  return chapters.map((c) => chapterTrail({ toc, bookTitle, chapterIndex: c.index, chapterTitle: c.title }));
}
