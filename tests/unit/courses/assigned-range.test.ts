import { describe, expect, it } from "vitest";
import { inRange, openingChapter, rangeInBook, rangeLabels } from "@/lib/courses/assigned-range";

describe("an assigned range in the reader", () => {
  it("clips the stored range to the book and treats no range as the whole book", () => {
    expect(rangeInBook({ startChapter: null, startFragment: null, endChapter: null }, 10)).toBeNull();
    expect(rangeInBook({ startChapter: 2, startFragment: "a", endChapter: 4 }, 10)).toEqual({ start: 2, startFragment: "a", end: 4 });
    expect(rangeInBook({ startChapter: 2, startFragment: null, endChapter: 40 }, 10)).toEqual({ start: 2, startFragment: null, end: 9 });
    expect(rangeInBook({ startChapter: 5, startFragment: null, endChapter: 3 }, 10)).toEqual({ start: 5, startFragment: null, end: 5 });
    expect(rangeInBook({ startChapter: null, startFragment: null, endChapter: 3 }, 10)).toEqual({ start: 0, startFragment: null, end: 3 });
    expect(rangeInBook({ startChapter: 12, startFragment: null, endChapter: 14 }, 10)).toBeNull();
  });

  it("opens at the start unless the saved place is inside the range", () => {
    const range = { start: 2, startFragment: null, end: 4 };
    expect(openingChapter(range, null)).toEqual({ index: 2, atStart: true });
    expect(openingChapter(range, { chapterIndex: 1 })).toEqual({ index: 2, atStart: true });
    expect(openingChapter(range, { chapterIndex: 5 })).toEqual({ index: 2, atStart: true });
    expect(openingChapter(range, { chapterIndex: 4 })).toEqual({ index: 4, atStart: false });
    expect([1, 2, 4, 5].map((i) => inRange(range, i))).toEqual([false, true, true, false]);
  });

  it("names the range by its contents entries, then chapter titles, then numbers", () => {
    const toc = [{ title: "Part I", chapterIndex: 1, children: [{ title: "Storm", chapterIndex: 1, fragment: "s" }] }];
    const chapters = [{ index: 0, title: "Front" }, { index: 1, title: "ch1" }, { index: 2, title: "" }];
    expect(rangeLabels({ start: 1, startFragment: "s", end: 2 }, toc, chapters)).toEqual({ from: "Storm", to: "Chapter 3" });
    expect(rangeLabels({ start: 0, startFragment: "gone", end: 1 }, toc, chapters)).toEqual({ from: "Front", to: "Part I" });
  });
});
