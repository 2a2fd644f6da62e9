import { describe, expect, it } from "vitest";
import { looksLikePdf } from "@/lib/publications/pdf/limits";
import { cleanText, pageHtml, paragraphsOf } from "@/lib/publications/pdf/page-text.mjs";
import { paragraphsOfHtml } from "@/lib/publications/pdf/demo-pdf";

// A line of body text at 11 pt every 13 points, starting at y = 700.
const line = (str: string, y: number, size = 11) => ({ str, hasEOL: true, height: size, transform: [size, 0, 0, size, 50, y] });

describe("a PDF page's text", () => {
  it("makes lines into paragraphs where the spacing widens, the type size changes or a column starts", () => {
    const runs = [
      line("Chapter One", 740, 18),
      line("The first paragraph runs", 700), line("over three lines of", 687), line("ordinary text.", 674),
      line("After a wider gap, a", 652), line("second paragraph.", 639),
      line("A second column starts", 700), line("higher up the page.", 687),
      line("More text here", 674), line("and here.", 661),
    ];
    expect(paragraphsOf(runs, 10_000)).toEqual([
      "Chapter One",
      "The first paragraph runs over three lines of ordinary text.",
      "After a wider gap, a second paragraph.",
      "A second column starts higher up the page. More text here and here.",
    ]);
  });

  it("joins a word hyphenated at a line end, and keeps a hyphen before a capital", () => {
    const runs = [line("the rab-", 700), line("bit had an anti-", 687), line("Victorian view of 1865-", 674), line("1866.", 661)];
    expect(paragraphsOf(runs, 10_000)).toEqual(["the rabbit had an anti-Victorian view of 1865- 1866."]);
  });

  it("escapes markup as the chapter sanitizer does, drops control characters and counts words", () => {
    const page = pageHtml([line("Fish & <chips> aren't \"food\"\u0000\u0007", 700), line("\ud800", 687)], 10_000);
    expect(page.html).toBe("<p>Fish &amp; &lt;chips&gt; aren't \"food\" \ufffd</p>");
    expect(page.wordCount).toBe(4);
    expect(cleanText("a\u0000b\u001fc\t\nd")).toBe("abc d");
  });

  it("keeps at most maxChars characters of a page", () => {
    const runs = Array.from({ length: 50 }, (_, i) => line("word ".repeat(20).trim(), 700 - i * 13));
    const paragraphs = paragraphsOf(runs, 250);
    expect(paragraphs.join("").length).toBe(250);
    expect(pageHtml([], 100)).toEqual({ html: "", text: "", wordCount: 0 });
  });

  it("knows a PDF by %PDF- in its first 1,024 bytes only", () => {
    expect(looksLikePdf(Buffer.from("%PDF-1.7\n"))).toBe(true);
    expect(looksLikePdf(Buffer.concat([Buffer.alloc(500, 32), Buffer.from("%PDF-1.4")]))).toBe(true);
    expect(looksLikePdf(Buffer.concat([Buffer.alloc(1024, 32), Buffer.from("%PDF-1.4")]))).toBe(false);
    expect(looksLikePdf(Buffer.from("PK\u0003\u0004mimetypeapplication/epub+zip"))).toBe(false);
  });

  it("splits an EPUB chapter into paragraphs for the demo PDF", () => {
    expect(paragraphsOfHtml("<h2>I</h2><p>Alice was <i>beginning</i>\n to get tired.</p><p>So&nbsp;she was considering</p>")).toEqual([
      "I", "Alice was beginning to get tired.", "So she was considering",
    ]);
  });

  it("leaves out invisible formatting characters the PDF's standard fonts cannot show", () => {
    expect(paragraphsOfHtml("<p>\u201cThe rest next time\u2060\u2014\u201d said\u200b the Dor\u00admouse.\ufeff</p>")).toEqual([
      "\u201cThe rest next time\u2014\u201d said the Dormouse.",
    ]);
  });
});
