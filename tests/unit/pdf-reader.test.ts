import { describe, expect, it } from "vitest";
import { parseZoom, percentOf, scaleFor, stepZoom } from "@/components/reader/pdf/zoom";
import { percentOfPages } from "@/components/reader/pdf/use-pdf-progress";
import { defaultReadingTitle, pdfPickerEntries, validateChoice, type PickerBook } from "@/lib/lti/deep-link-choice";

describe("PDF zoom", () => {
  const a4 = { width: 595, height: 842 };
  it("fits the width, fits the page, or shows a percentage of the printed size", () => {
    expect(scaleFor({ kind: "fit-width" }, a4, { width: 1190, height: 600 })).toBeCloseTo(2);
    expect(scaleFor({ kind: "fit-page" }, a4, { width: 1190, height: 842 })).toBeCloseTo(1);
    expect(scaleFor({ kind: "fit-page" }, a4, { width: 297.5, height: 2000 })).toBeCloseTo(0.5);
    expect(percentOf(scaleFor({ kind: "percent", value: 100 }, a4, { width: 1, height: 1 }))).toBe(100);
    expect(percentOf(scaleFor({ kind: "percent", value: 9999 }, a4, { width: 1, height: 1 }))).toBe(500);
  });
  it("steps to the next listed percentage from wherever the scale is", () => {
    expect(stepZoom(scaleFor({ kind: "percent", value: 100 }, a4, { width: 1, height: 1 }), 1)).toEqual({ kind: "percent", value: 125 });
    expect(stepZoom((110 / 100) * (96 / 72), -1)).toEqual({ kind: "percent", value: 100 });
    expect(stepZoom((30 / 100) * (96 / 72), -1)).toEqual({ kind: "percent", value: 25 });
  });
  it("reads a remembered zoom, and ignores junk", () => {
    expect(parseZoom("fit-page")).toEqual({ kind: "fit-page" });
    expect(parseZoom("150")).toEqual({ kind: "percent", value: 150 });
    expect(parseZoom("abc")).toBeNull();
    expect(parseZoom(null)).toBeNull();
  });
});

describe("PDF progress by pages", () => {
  it("is the pages before plus the fraction of the current one, over the page count", () => {
    expect(percentOfPages(0, 0, 300)).toBe(0);
    expect(percentOfPages(149, 0.5, 300)).toBeCloseTo(0.4983, 4);
    expect(percentOfPages(299, 1, 300)).toBe(1);
  });
});

describe("deep-link picker for a PDF", () => {
  const toc = [{ title: "Intro", chapterIndex: 0 }, { title: "Methods", chapterIndex: 3, children: [{ title: "Sampling", chapterIndex: 4 }] }];
  const entries = pdfPickerEntries(toc, 6);
  const book: PickerBook = { title: "Stats", entries, chapterIndexes: new Set(entries.map((e) => e.chapterIndex)), chapterTitles: new Map(), unit: "page" };

  it("lists every page, naming the outline section that starts on it", () => {
    expect(entries.map((e) => e.title)).toEqual(["p. 1 · Intro", "p. 2", "p. 3", "p. 4 · Methods", "p. 5 · Sampling", "p. 6"]);
    expect(entries.map((e) => e.key)).toEqual(["0", "1", "2", "3", "4", "5"]);
  });

  it("names a page range by page numbers, and stores it as a chapter range of pages", () => {
    expect(defaultReadingTitle(book, "range", "3", "4")).toBe("Stats — pages 4–5");
    expect(defaultReadingTitle(book, "range", "2", "2")).toBe("Stats — page 3");
    const checked = validateChoice({ token: "t", slug: "stats", scope: "range", start: "3", end: "5", graded: false }, book, false);
    expect(checked).toEqual({ ok: true, choice: { title: "Stats — pages 4–6", range: { startChapter: 3, startFragment: null, endChapter: 5 }, scoreMaximum: null } });
    expect(validateChoice({ token: "t", slug: "stats", scope: "range", start: "3", end: "6", graded: false }, book, false)).toEqual({ ok: false, problem: "range" });
  });
});
