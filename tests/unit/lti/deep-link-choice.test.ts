import { describe, expect, it } from "vitest";
import {
  choiceFormSchema, customParameters, defaultReadingTitle, pickerEntries, validateChoice, type ChoiceForm, type PickerBook,
} from "@/lib/lti/deep-link-choice";

// A book of five spine chapters whose contents name a section inside chapter 2 and a part that
// shares chapter 3 with its first chapter.
const toc = [
  { title: "Cover", chapterIndex: 0 },
  { title: "Chapter 1", chapterIndex: 1, children: [{ title: "The storm", chapterIndex: 2, fragment: "storm" }] },
  { title: "Part II", chapterIndex: 3, children: [{ title: "Chapter 2", chapterIndex: 3, fragment: "c2" }, { title: "Chapter 3", chapterIndex: 4 }] },
];
const chapters = [0, 1, 2, 3, 4].map((index) => ({ index, title: `Spine ${index}` }));
const entries = pickerEntries(toc, chapters);
const book: PickerBook = { title: "Emma", entries, chapterIndexes: new Set([0, 1, 2, 3, 4]), chapterTitles: new Map(chapters.map((c) => [c.index, c.title])) };

const form = (fields: Partial<Record<keyof ChoiceForm, string | null>>): ChoiceForm =>
  choiceFormSchema.parse({ token: "t", slug: "emma", scope: "range", graded: null, ...fields });

describe("the deep-link choice", () => {
  it("lists the contents depth-first with the custom `start` form of each entry", () => {
    expect(entries.map((e) => [e.key, e.depth])).toEqual([["0", 0], ["1", 0], ["2#storm", 1], ["3", 0], ["3#c2", 1], ["4", 1]]);
    expect(pickerEntries([], chapters.slice(0, 2)).map((e) => [e.key, e.title])).toEqual([["0", "Spine 0"], ["1", "Spine 1"]]);
  });

  it("turns a range from a section to an entry into start, end (the end entry's spine chapter) and a title", () => {
    const checked = validateChoice(form({ start: "2#storm", end: "3#c2" }), book, false);
    expect(checked).toEqual({ ok: true, choice: { title: "Emma — The storm to Chapter 2", range: { startChapter: 2, startFragment: "storm", endChapter: 3 }, scoreMaximum: null } });
    if (!checked.ok) throw new Error("refused");
    expect(customParameters("emma", checked.choice)).toEqual({ publication: "emma", start: "2#storm", end: "3" });
  });

  it("links the whole book without start or end, whatever the range fields say", () => {
    const checked = validateChoice(form({ scope: "book", start: "9", end: "0" }), book, true);
    expect(checked).toEqual({ ok: true, choice: { title: "Emma", range: null, scoreMaximum: null } });
    if (checked.ok) expect(customParameters("emma", checked.choice)).toEqual({ publication: "emma" });
  });

  it("refuses a range outside the book or not in its contents", () => {
    for (const [start, end] of [["5", "5"], ["0", "5"], ["2#nowhere", "3"], ["1#", "2"], ["-1", "2"], ["x", "2"], ["2", null], [null, "2"], ["2#a b", "3"]]) {
      expect(validateChoice(form({ start, end }), book, false), `${start} → ${end}`).toEqual({ ok: false, problem: "range" });
    }
  });

  it("refuses a range that ends before it starts, and accepts one that starts mid-chapter and ends with it", () => {
    expect(validateChoice(form({ start: "3#c2", end: "1" }), book, false)).toEqual({ ok: false, problem: "order" });
    const same = validateChoice(form({ start: "3#c2", end: "3" }), book, false);
    expect(same.ok && same.choice).toMatchObject({ title: "Emma — Chapter 2 to Part II", range: { startChapter: 3, startFragment: "c2", endChapter: 3 } });
  });

  it("keeps a typed title, derives one when empty or still the prefilled one, and refuses one too long", () => {
    const typed = validateChoice(form({ start: "1", end: "4", title: "  Week 3:   the storm " }), book, false);
    expect(typed.ok && typed.choice.title).toBe("Week 3: the storm");
    const empty = validateChoice(form({ start: "1", end: "4", title: "" }), book, false);
    expect(empty.ok && empty.choice.title).toBe("Emma — Chapter 1 to Chapter 3");
    // A form without script sent the title prefilled for the whole book, then the range changed.
    const stale = validateChoice(form({ start: "1", end: "1", title: "Emma", autoTitle: "Emma" }), book, false);
    expect(stale.ok && stale.choice.title).toBe("Emma — Chapter 1");
    expect(validateChoice(form({ start: "1", end: "1", title: "x".repeat(201) }), book, false)).toEqual({ ok: false, problem: "title" });
    expect(validateChoice(form({ start: "1", end: "1", title: "x".repeat(200) }), book, false).ok).toBe(true);
  });

  it("grades only when the platform offers it, with a maximum score above 0 and at most 1000 (100 by default)", () => {
    expect(validateChoice(form({ start: "1", end: "1", graded: "on", score: "50" }), book, false)).toEqual({ ok: false, problem: "graded" });
    for (const score of ["0", "-5", "1000.5", "abc", "Infinity", "1e400"]) {
      expect(validateChoice(form({ start: "1", end: "1", graded: "on", score }), book, true), score).toEqual({ ok: false, problem: "score" });
    }
    const graded = validateChoice(form({ start: "1", end: "2#storm", graded: "on", score: "1000" }), book, true);
    expect(graded.ok && graded.choice.scoreMaximum).toBe(1000);
    if (graded.ok) expect(customParameters("emma", graded.choice)).toEqual({ publication: "emma", start: "1", end: "2", score_maximum: "1000" });
    const byDefault = validateChoice(form({ scope: "book", graded: "on" }), book, true);
    expect(byDefault.ok && byDefault.choice.scoreMaximum).toBe(100);
    const ungraded = validateChoice(form({ scope: "book", score: "5" }), book, true);
    expect(ungraded.ok && ungraded.choice.scoreMaximum).toBeNull();
  });

  it("titles a single entry by its own name and falls back to the book's title for an incomplete range", () => {
    expect(defaultReadingTitle(book, "range", "4", "4")).toBe("Emma — Chapter 3");
    expect(defaultReadingTitle(book, "range", "4", undefined)).toBe("Emma");
    expect(defaultReadingTitle({ ...book, title: "y".repeat(300) }, "book")).toHaveLength(200);
  });
});
