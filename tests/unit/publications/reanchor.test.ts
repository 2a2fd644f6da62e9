import { describe, expect, it } from "vitest";
import { mapChapters, Reanchorer, turnTaker } from "@/lib/publications/replace/reanchor";
import { chapterTextContent, foldText } from "@/lib/publications/replace/text";

const chapter = (index: number, text: string, href = `c${index}.xhtml`, title = `Chapter ${index + 1}`) => ({ index, href, title, text });

describe("chapterTextContent", () => {
  it("is the text the reader's DOM sees: text nodes joined, entities decoded, nothing added between blocks", () => {
    expect(chapterTextContent("<h1>One</h1><p>Tom &amp; Jerry&#8217;s&nbsp;day</p>\n<p>Two</p>")).toBe("OneTom & Jerry’s\u00a0day\nTwo");
  });
});

describe("foldText", () => {
  it("folds whitespace runs, curly quotes and dashes, and maps back to the original offsets", () => {
    const { folded, at } = foldText("“Yes,”\n   she said\u2014softly");
    expect(folded).toBe('"Yes," she said-softly');
    expect(at[folded.indexOf("she")]).toBe(10);
    expect(at[folded.length]).toBe(25);
  });
});

describe("mapChapters", () => {
  it("maps by file name, then by a unique title, then by share of the book", () => {
    const old = [chapter(0, "", "a.xhtml", "Alpha"), chapter(1, "", "b.xhtml", "Beta"), chapter(2, "", "old-c.xhtml", "Gamma"), chapter(3, "", "z.xhtml", "Zed")];
    const fresh = [chapter(0, "", "preface.xhtml", "Preface"), chapter(1, "", "a.xhtml", "Alpha"), chapter(2, "", "b.xhtml", "Beta"), chapter(3, "", "new-c.xhtml", "Gamma"), chapter(4, "", "q.xhtml", "Q"), chapter(5, "", "r.xhtml", "R")];
    expect([...mapChapters(old, fresh)]).toEqual([[0, 1], [1, 2], [2, 3], [3, 4]]);
  });
});

describe("Reanchorer", () => {
  const oldText = "It was a bright cold day in April. The clocks were striking thirteen. It was a bright cold day in April, again.";

  it("finds the quote in the new chapter despite reflowed whitespace and curly quotes, at the new offsets", () => {
    const newText = "PREFACE ADDED.  It was a bright\n cold day in April. The clocks were striking  thirteen.";
    const r = new Reanchorer([chapter(0, oldText)], [chapter(0, newText)]);
    const start = oldText.indexOf("The clocks");
    const placed = r.place({ chapterIndex: 0, start, end: start + "The clocks were striking thirteen".length, quote: "The clocks were striking thirteen" })!;
    expect(placed.chapterIndex).toBe(0);
    expect(newText.slice(placed.start, placed.end)).toBe("The clocks were striking  thirteen");
    expect(placed.quote).toBe("The clocks were striking  thirteen");
  });

  it("picks, of two occurrences, the one whose surrounding text matches", () => {
    const newText = "Intro. It was a bright cold day in April, again. Middle. It was a bright cold day in April. The clocks were striking thirteen.";
    const r = new Reanchorer([chapter(0, oldText)], [chapter(0, newText)]);
    const quote = "a bright cold day in April";
    // The old highlight was on the first occurrence (followed by ". The clocks").
    const start = oldText.indexOf(quote);
    const placed = r.place({ chapterIndex: 0, start, end: start + quote.length, quote })!;
    expect(placed.start).toBe(newText.lastIndexOf(quote));
    // And the second (followed by ", again").
    const second = oldText.lastIndexOf(quote);
    expect(r.place({ chapterIndex: 0, start: second, end: second + quote.length, quote })!.start).toBe(newText.indexOf(quote));
  });

  it("follows a passage that moved to another chapter, and gives up when the quote is gone", () => {
    const r = new Reanchorer([chapter(0, oldText), chapter(1, "Nothing here.")], [chapter(0, "Rewritten."), chapter(1, "Later: The clocks were striking thirteen.")]);
    const start = oldText.indexOf("The clocks");
    expect(r.place({ chapterIndex: 0, start, end: start + 10, quote: "The clocks" })).toMatchObject({ chapterIndex: 1, start: 7, end: 17 });
    expect(r.place({ chapterIndex: 0, start: 0, end: 5, quote: "bright cold" })).toBeNull();
  });
});

describe("turnTaker", () => {
  it("lets the event loop run between placements once the slice is used up, and not before", async () => {
    const chapters = [{ index: 0, href: "c.xhtml", title: "C", text: "every letter here is an e in a sentence ".repeat(2000) }];
    const anchorer = new Reanchorer(chapters, chapters);
    let turns = 0;
    let done = false;
    const spin = () => {
      turns++;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const takeTurn = turnTaker(0);
    for (let i = 0; i < 20; i++) {
      await takeTurn();
      expect(anchorer.place({ chapterIndex: 0, start: 4, end: 5, quote: "e" })).not.toBeNull();
    }
    done = true;
    // Every placement was preceded by a turn of the loop: other work ran in between.
    expect(turns).toBeGreaterThanOrEqual(19);

    turns = 0;
    done = false;
    setImmediate(spin);
    const patient = turnTaker(60_000);
    for (let i = 0; i < 20; i++) await patient();
    done = true;
    expect(turns).toBe(0);
  });
});
