import { describe, expect, it } from "vitest";
import { snapToWords } from "@/components/reader/word-snap";
import { firstChapterWithText, LOOK_AHEAD } from "@/lib/reading/start-chapter";
import { mergeNotes, overlapping, unionSpan } from "@/lib/reading/highlight-merge";

const chapters = (...words: number[]) => words.map((wordCount, index) => ({ index, wordCount }));

describe("the chapter a first reading opens on", () => {
  it("skips divider pages after the bodymatter landmark (War and Peace: Book I, Part I, then Chapter I)", () => {
    expect(firstChapterWithText(chapters(10, 400, 5, 2, 3, 3_000), 3)).toBe(5);
  });
  it("keeps the landmark when it has text, or when no text is near", () => {
    expect(firstChapterWithText(chapters(10, 400, 900), 2)).toBe(2);
    expect(firstChapterWithText(chapters(...Array(LOOK_AHEAD + 2).fill(3), 5_000), 0)).toBe(0);
    expect(firstChapterWithText(chapters(3, 3), 1)).toBe(1);
    expect(firstChapterWithText([], 4)).toBe(0);
    expect(firstChapterWithText(chapters(3, 900), 9)).toBe(1);
  });
});

describe("selections snap to whole words", () => {
  const text = "“Heavens! what a virulent attack!” replied the prince, don't you think? well-known.";
  const at = (s: string) => text.indexOf(s);
  it("a drag that cuts words takes them whole", () => {
    // “…attack!” repl  →  …attack!” replied
    const from = at("attack"), to = at("replied") + 4;
    const snapped = snapToWords(text, from + 2, to);
    expect(text.slice(snapped.start, snapped.end)).toBe("attack!” replied");
  });
  it("keeps apostrophes and hyphens inside words, and leaves a range on word edges alone", () => {
    const s = snapToWords(text, at("don't") + 4, at("don't") + 5);
    expect(text.slice(s.start, s.end)).toBe("don't");
    const w = snapToWords(text, at("known"), at("known") + 2);
    expect(text.slice(w.start, w.end)).toBe("well-known");
    expect(snapToWords(text, at("what"), at("what") + 4)).toEqual({ start: at("what"), end: at("what") + 4 });
    expect(snapToWords(text, at("!”"), at("!”") + 2)).toEqual({ start: at("!”"), end: at("!”") + 2 });
  });
  it("works on accented words and at the text's edges", () => {
    const russian = "Anna Pávlovna Schérer";
    expect(snapToWords(russian, 7, 9)).toEqual({ start: 5, end: 13 });
    expect(snapToWords(russian, 0, 2)).toEqual({ start: 0, end: 4 });
    expect(snapToWords(russian, 19, 99)).toEqual({ start: 14, end: 21 });
  });
});

describe("merging highlight spans", () => {
  const s = (text: string, part: string) => ({ startOffset: text.indexOf(part), endOffset: text.indexOf(part) + part.length, quote: part });
  const text = "one two three four five six";
  it("stitches overlapping quotes into the passage they cover together", () => {
    expect(unionSpan([s(text, "two three"), s(text, "three four"), s(text, "one two")])).toEqual(s(text, "one two three four"));
    expect(unionSpan([s(text, "one two three four"), s(text, "two")])).toEqual(s(text, "one two three four"));
  });
  it("refuses gaps and quotes that do not match their offsets", () => {
    expect(unionSpan([s(text, "one"), s(text, "three")])).toBeNull();
    expect(unionSpan([{ startOffset: 0, endOffset: 9, quote: "one" }])).toBeNull();
  });
  it("absorbs through chains: what overlaps the grown span joins too", () => {
    const existing = [s(text, "one two"), s(text, "four five"), s(text, "six")];
    expect(overlapping(s(text, "two three four"), existing)).toEqual(existing.slice(0, 2));
    expect(overlapping(s(text, "two three"), [s(text, "three")])).toHaveLength(1);
    expect(overlapping(s(text, "one"), [s(text, " two")])).toEqual([]);
  });
  it("keeps each note once, in order", () => {
    expect(mergeNotes(["a", null, " a ", "b", ""])).toBe("a\n\nb");
    expect(mergeNotes([null, undefined])).toBeNull();
  });
});
