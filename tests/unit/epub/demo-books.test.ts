import { describe, expect, it } from "vitest";
import { parseEpub, type ParsedEpub } from "@/lib/publications/epub/parse-epub";
import { flattenToc, type TocEntry } from "@/lib/publications/epub/toc";
import { demoBook } from "@/tests/support/epub";

// Expected numbers come from /work/shared/books/README.md.

function depth(toc: TocEntry[]): number {
  return toc.length ? 1 + Math.max(...toc.map((e) => depth(e.children ?? []))) : 0;
}

function expectSafe(book: ParsedEpub) {
  for (const chapter of book.chapters) {
    expect(chapter.html).not.toMatch(/<script|<iframe|<object|<form|\son\w+=|\sstyle=|javascript:/i);
    expect(chapter.html).not.toMatch(/\ssrc="(https?:)?\/\//i);
    expect(chapter.html).not.toMatch(/<(html|head|body|link|meta)\b/i);
  }
}

describe("the demo books", () => {
  it("reads Alice: metadata, 18 spine documents, a 2-level TOC of 18 entries, the SVG cover", async () => {
    const book = await parseEpub(demoBook("alice-in-wonderland"), { slug: "alice" });
    expect(book.metadata).toMatchObject({ title: "Alice’s Adventures in Wonderland", author: "Lewis Carroll", language: "en-GB" });
    expect(book.metadata.description).toMatch(/^Everyone’s familiar with Lewis Carroll’s famous/);
    expect(book.chapters).toHaveLength(18);
    expect(flattenToc(book.toc)).toHaveLength(18);
    expect(depth(book.toc)).toBe(2);
    expect(book.coverPath).toBe("epub/images/cover.svg");
    expect(book.assets.map((a) => a.path)).toEqual(expect.arrayContaining(["epub/images/cover.svg", "epub/css/core.css"]));
    expect(book.wordCount).toBeGreaterThan(26_500);
    expect(book.wordCount).toBeLessThan(28_500);
    expect(book.chapters.map((c) => c.title)).toContain("I: Down the Rabbit-Hole");
    // 12 chapters of at least 50 words in the body matter; front and back matter add a few more.
    expect(book.chapters.filter((c) => c.wordCount >= 50).length).toBeGreaterThanOrEqual(12);
    expectSafe(book);
  });

  it("reads Pride and Prejudice: 65 documents and a flat TOC of 65", async () => {
    const book = await parseEpub(demoBook("pride-and-prejudice"), { slug: "pp" });
    expect(book.metadata).toMatchObject({ title: "Pride and Prejudice", author: "Jane Austen", language: "en-GB" });
    expect(book.chapters).toHaveLength(65);
    expect(book.toc).toHaveLength(65);
    expect(depth(book.toc)).toBe(1);
    expect(Math.abs(book.wordCount - 122_700) / 122_700).toBeLessThan(0.02);
    expectSafe(book);
  });

  it("starts a first reading at the bodymatter landmark, not the title page", async () => {
    const book = await parseEpub(demoBook("pride-and-prejudice"), { slug: "pp" });
    expect(book.chapters[book.startChapter]!.href).toMatch(/chapter-1\.xhtml$/);
    expect(book.chapters[book.startChapter]!.html).toContain("It is a truth universally acknowledged");
  });

  it("reads Sherlock Holmes: files named by story, TOC entries that point at #fragments", async () => {
    const book = await parseEpub(demoBook("adventures-of-sherlock-holmes"), { slug: "sherlock" });
    expect(book.metadata).toMatchObject({ title: "The Adventures of Sherlock Holmes", author: "Arthur Conan Doyle", language: "en-GB" });
    expect(book.chapters).toHaveLength(16);
    expect(flattenToc(book.toc)).toHaveLength(19);
    expect(depth(book.toc)).toBe(2);
    const scandal = book.toc.find((e) => e.title === "A Scandal in Bohemia")!;
    expect(book.chapters[scandal.chapterIndex]!.href).toBe("epub/text/a-scandal-in-bohemia.xhtml");
    expect(book.chapters[scandal.chapterIndex]!.title).toBe("A Scandal in Bohemia");
    expect(scandal.children).toEqual([
      { title: "I", chapterIndex: scandal.chapterIndex, fragment: "a-scandal-in-bohemia-1" },
      { title: "II", chapterIndex: scandal.chapterIndex, fragment: "a-scandal-in-bohemia-2" },
      { title: "III", chapterIndex: scandal.chapterIndex, fragment: "a-scandal-in-bohemia-3" },
    ]);
    expect(book.chapters[scandal.chapterIndex]!.html).toContain('id="bk-a-scandal-in-bohemia-2"');
    expectSafe(book);
  });

  it("reads War and Peace: 393 documents, a 4-level TOC, endnote links turned into reader URLs", async () => {
    const book = await parseEpub(demoBook("war-and-peace"), { slug: "war-and-peace" });
    expect(book.metadata).toMatchObject({ title: "War and Peace", author: "Leo Tolstoy", language: "en-US" });
    expect(book.chapters).toHaveLength(393);
    expect(flattenToc(book.toc)).toHaveLength(393);
    expect(depth(book.toc)).toBe(4);
    expect(Math.abs(book.wordCount - 565_300) / 565_300).toBeLessThan(0.02);
    const endnotes = book.chapters.findIndex((c) => c.href === "epub/text/endnotes.xhtml");
    expect(endnotes).toBeGreaterThan(0);
    const withNote = book.chapters.find((c) => c.html.includes(`/read/war-and-peace?chapter=${endnotes}#note-1"`));
    expect(withNote).toBeDefined();
    expect(book.chapters[endnotes]!.html).toMatch(/href="\/read\/war-and-peace\?chapter=\d+#noteref-1"/);
    expectSafe(book);
  });
});
