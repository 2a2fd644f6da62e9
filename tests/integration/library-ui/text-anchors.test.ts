import { describe, expect, it } from "vitest";
import { resolveAnchor, trimOffsets } from "@/components/reader/text-anchors";

// Pure text arithmetic behind the reader's highlights (the DOM side is exercised in the browser).

describe("trimOffsets", () => {
  it("drops whitespace at both ends so offsets and the (trimmed) stored quote agree", () => {
    const text = "Alice was  \n beginning to get";
    const at = trimOffsets(text, 9, 22)!;
    expect(text.slice(at.start, at.end)).toBe("beginning");
    expect(trimOffsets(text, 9, 13)).toBeNull();
  });
});

describe("resolveAnchor", () => {
  const text = "the cat sat on the mat; the cat ran; the cat slept";

  it("keeps offsets that still frame the quote", () => {
    expect(resolveAnchor(text, { start: 24, end: 31, quote: "the cat" })).toEqual({ start: 24, end: 31 });
  });

  it("re-finds a quote whose offsets drifted, choosing the nearest occurrence", () => {
    expect(resolveAnchor(text, { start: 26, end: 33, quote: "the cat" })).toEqual({ start: 24, end: 31 });
    expect(resolveAnchor(text, { start: 40, end: 47, quote: "the cat" })).toEqual({ start: 37, end: 44 });
    expect(resolveAnchor(`Preface added. ${text}`, { start: 0, end: 7, quote: "the cat" })).toEqual({ start: 15, end: 22 });
  });

  it("gives up when the quote is no longer in the text", () => {
    expect(resolveAnchor(text, { start: 0, end: 7, quote: "the dog" })).toBeNull();
    expect(resolveAnchor(text, { start: 0, end: 7, quote: "" })).toBeNull();
  });
});
