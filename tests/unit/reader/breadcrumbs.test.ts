import { describe, expect, it } from "vitest";
import { chapterTrail, chapterTrails, humanizeLabel, numberWord, romanValue, tocPath, trailText } from "@/lib/reading/breadcrumbs";
import type { TocEntry } from "@/lib/publications/epub/toc";

// The shape of War and Peace's contents in the demo EPUB: a half-title wrapping books, parts, chapters.
const warAndPeace: TocEntry[] = [
  { title: "Titlepage", chapterIndex: 0 },
  { title: "Imprint", chapterIndex: 1 },
  { title: "War and Peace", chapterIndex: 3, children: [
    { title: "Book I", chapterIndex: 4, children: [
      { title: "Part I: 1805", chapterIndex: 5, children: [
        { title: "I", chapterIndex: 6 }, { title: "II", chapterIndex: 7 }, { title: "XI", chapterIndex: 16 },
      ] },
      { title: "Part II: 1805", chapterIndex: 34, children: [{ title: "I", chapterIndex: 35 }] },
    ] },
    { title: "Book II", chapterIndex: 60, children: [{ title: "Part I: 1806", chapterIndex: 61, children: [{ title: "IV", chapterIndex: 65 }] }] },
  ] },
];

describe("breadcrumbs", () => {
  it("spells War and Peace's chapters as Book › Part › Chapter, without the book's own title", () => {
    expect(chapterTrail({ toc: warAndPeace, bookTitle: "War and Peace", chapterIndex: 6 })).toEqual(["Book One", "Part One: 1805", "Chapter I"]);
    expect(trailText(chapterTrail({ toc: warAndPeace, bookTitle: "War and Peace", chapterIndex: 16 }))).toBe("Book One › Part One: 1805 › Chapter XI");
    expect(chapterTrail({ toc: warAndPeace, bookTitle: "War and Peace", chapterIndex: 35 })).toEqual(["Book One", "Part Two: 1805", "Chapter I"]);
    expect(chapterTrail({ toc: warAndPeace, bookTitle: "War and Peace", chapterIndex: 65 })).toEqual(["Book Two", "Part One: 1806", "Chapter IV"]);
  });

  it("a divider page is its own level; a chapter the contents skip sits under the section before it", () => {
    expect(chapterTrail({ toc: warAndPeace, bookTitle: "War and Peace", chapterIndex: 5 })).toEqual(["Book One", "Part One: 1805"]);
    // Chapter 8 is not listed: it belongs to Part I, and is named by its own title.
    expect(chapterTrail({ toc: warAndPeace, bookTitle: "War and Peace", chapterIndex: 8, chapterTitle: "III" })).toEqual(["Book One", "Part One: 1805", "Chapter III"]);
    expect(chapterTrail({ toc: [], bookTitle: "X", chapterIndex: 2, chapterTitle: "" })).toEqual(["Section 3"]);
  });

  it("prefers the entry naming the file over one pointing at a #fragment inside it", () => {
    const toc: TocEntry[] = [{ title: "Stories", chapterIndex: 2, children: [{ title: "A Scandal in Bohemia", chapterIndex: 2, fragment: "s1" }, { title: "The Speckled Band", chapterIndex: 2 }] }];
    expect(tocPath(toc, 2).map((e) => e.title)).toEqual(["Stories", "The Speckled Band"]);
  });

  it("reads numbers as readers say them, and leaves words alone", () => {
    expect(humanizeLabel("XI", true)).toBe("Chapter XI");
    expect(humanizeLabel("7", true)).toBe("Chapter 7");
    expect(humanizeLabel("I: Down the Rabbit-Hole", true)).toBe("Chapter I: Down the Rabbit-Hole");
    expect(humanizeLabel("XI", false)).toBe("XI");
    expect(humanizeLabel("Part XV: 1812", false)).toBe("Part Fifteen: 1812");
    expect(humanizeLabel("Book 21", false)).toBe("Book Twenty-One");
    for (const words of ["Dramatis Personae", "I Remember", "Mix", "Imprint", "Book IIII", "Volume"]) expect(humanizeLabel(words, true)).toBe(words);
    expect(romanValue("XLIV")).toBe(44);
    expect(romanValue("IIII")).toBeNull();
    expect(numberWord(100)).toBeNull();
  });

  it("gives every chapter a trail", () => {
    const chapters = Array.from({ length: 8 }, (_, index) => ({ index, title: `t${index}` }));
    expect(chapterTrails(warAndPeace, "War and Peace", chapters).map((t) => t.length)).toEqual([1, 1, 1, 1, 1, 2, 3, 3]);
  });
});
