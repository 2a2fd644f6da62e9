import { describe, expect, it } from "vitest";
import { countWords, sanitizeChapter, type LinkContext } from "@/lib/publications/epub/sanitize";
import { resolveHref } from "@/lib/publications/epub/paths";
import { chapterXhtml } from "@/tests/support/epub";

const ctx: LinkContext = {
  slug: "tiny",
  chapterPath: "OEBPS/text/one.xhtml",
  spineIndex: new Map([["OEBPS/text/one.xhtml", 0], ["OEBPS/text/two.xhtml", 1]]),
  assets: new Set(["OEBPS/images/pic.png"]),
  version: "abc",
};

const clean = (body: string) => sanitizeChapter(chapterXhtml("One", body), ctx).html;

describe("sanitizeChapter", () => {
  it("drops scripts, event handlers, inline styles, iframes, objects and forms", () => {
    const html = clean(`<p onclick="steal()" style="color:red" class="x">Hi<script>alert(1)</script></p>
      <iframe src="https://evil.test"></iframe><object data="x.swf">fallback</object><form action="/x"><input name="a"/><button>Go</button></form>
      <svg><script>alert(2)</script><text>svg text</text></svg><style>p{}</style>`);
    expect(html).not.toMatch(/script|alert|onclick|style=|iframe|object|form|input|button|svg|steal/i);
    expect(html).toContain('<p class="x">Hi</p>');
    expect(html).not.toContain("<head");
    expect(html).not.toContain("<title");
  });

  it("removes javascript: and other non-web links, keeps outbound links with noopener", () => {
    const html = clean(`<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a>
      <a href="https://example.org/x" target="_self" rel="opener">d</a><a href="//evil.test/x">e</a><a href="mailto:a@b.test">f</a>`);
    expect(html).not.toMatch(/javascript|data:|evil\.test|_self|opener"/i);
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer" target="_blank">d</a>');
    expect(html).toContain('href="mailto:a@b.test"');
  });

  it("strips external and protocol-relative images and rewrites the book's own", () => {
    const html = clean(`<img src="http://tracker.test/pixel.gif" alt="t"/><img src="//cdn.test/x.png" alt="u"/>
      <img src="../images/pic.png" alt="pic" srcset="https://x.test/a.png 2x"/><img src="../images/missing.png" alt="m"/>`);
    expect(html).not.toMatch(/tracker|cdn\.test|x\.test|missing/);
    expect(html).toContain('<img alt="pic" src="/api/publications/tiny/assets/OEBPS/images/pic.png?v=abc" />');
  });

  it("rewrites links between chapters to reader URLs and keeps in-chapter anchors", () => {
    const html = clean(`<a href="two.xhtml#later">next</a><a href="one.xhtml#top">self</a><a href="#note-1">note</a><a href="../../../etc/passwd">out</a>`);
    expect(html).toContain('<a href="/read/tiny?chapter=1#later">next</a>');
    expect(html).toContain('<a href="#top">self</a>');
    expect(html).toContain('<a href="#note-1">note</a>');
    expect(html).toContain("<a>out</a>");
  });

  it("counts words and finds the first heading", () => {
    const chapter = sanitizeChapter(chapterXhtml("Head", "<p>Don’t panic &amp; carry a towel, 42 times.</p>"), ctx);
    expect(chapter.heading).toBe("Head");
    expect(countWords(chapter.text)).toBe(8);
  });
});

describe("resolveHref", () => {
  it("resolves inside the book and refuses to climb out", () => {
    expect(resolveHref("OEBPS/text", "../images/a%20b.png#f")).toEqual({ path: "OEBPS/images/a b.png", fragment: "f" });
    expect(resolveHref("OEBPS", "../../x")).toBeNull();
    expect(resolveHref("OEBPS", "/abs")).toBeNull();
    expect(resolveHref("OEBPS", "https://x.test")).toBeNull();
  });
});
