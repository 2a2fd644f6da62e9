import { describe, expect, it } from "vitest";
import { countWords, nestingDepth, sanitizeChapter, type LinkContext } from "@/lib/publications/epub/sanitize";
import { resolveHref } from "@/lib/publications/epub/paths";
import { bookElementId } from "@/lib/publications/urls";
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
    expect(html).toContain('<p class="bk-x">Hi</p>');
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

  it("namespaces the book's ids, so none can clobber a global of Folio's page (window.__next_f)", () => {
    const html = clean(`<p id="__next_f">a</p><h2 id="ch1">b</h2><a href="#ch1">c</a><a href="two.xhtml#sec">d</a><span id="">e</span>`);
    expect(html).toContain('<p id="bk-__next_f">a</p>');
    expect(html).toContain('<h2 id="bk-ch1">b</h2>');
    // Links keep the book's own fragment: the reader looks it up with the prefix (bookElementId).
    expect(html).toContain('<a href="#ch1">c</a>');
    expect(html).toContain('href="/read/tiny?chapter=1#sec"');
    expect(html).not.toMatch(/id="(?!bk-)/);
    expect(bookElementId("ch1")).toBe("bk-ch1");
  });

  it("namespaces the book's classes, so a book cannot use Folio's own (Tailwind) classes", () => {
    const html = clean(`<div class="fixed inset-0 z-50 bg-white">cover</div><p class="folio-hl x:y  calibre1">t</p><span class="">e</span>`);
    expect(html).toContain('<div class="bk-fixed bk-inset-0 bk-z-50 bk-bg-white">cover</div>');
    // A token that is not a plain class name is dropped, the rest kept; an empty class goes away.
    expect(html).toContain('<p class="bk-folio-hl bk-calibre1">t</p>');
    expect(html).toContain("<span>e</span>");
    expect(html).not.toMatch(/class="(?!bk-)|\s(?!bk-)[\w-]+(?=[\s"])(?=[^<]*class=)/);
  });

  it("counts words and finds the first heading", () => {
    const chapter = sanitizeChapter(chapterXhtml("Head", "<p>Don’t panic &amp; carry a towel, 42 times.</p>"), ctx);
    expect(chapter.heading).toBe("Head");
    expect(countWords(chapter.text)).toBe(8);
  });
});

describe("nestingDepth", () => {
  it("counts open elements like an HTML parser, cheaply, and stops past the limit", () => {
    expect(nestingDepth("<div><p>a<br>b<img src='x>y'/></p><hr/></div>", 100)).toBe(2);
    expect(nestingDepth("<!-- <a><a><a> --><![CDATA[<b><b>]]><script>if (a<b) {<i><i>}</script><p>", 100)).toBe(1);
    // <p> closes an open <p>; a stray closing tag closes nothing.
    expect(nestingDepth("<p>a<p>b<p>c</span></section>", 100)).toBe(1);
    expect(nestingDepth("<a><b><c></b><d>", 100)).toBe(3);
    expect(nestingDepth("<i>".repeat(256) + "</i>".repeat(256), 256)).toBe(256);
    expect(nestingDepth("<i>".repeat(80_000), 256)).toBe(257);
  });

  it("ends the empty comments <!--> and <!---> where an HTML parser ends them", () => {
    // Otherwise everything up to the next "-->" would be skipped while sanitize-html nests it.
    for (const comment of ["<!-->", "<!--->"]) {
      const hostile = `<p>a</p>${comment}${"<b>".repeat(1000)}`;
      expect(nestingDepth(hostile, 256), comment).toBe(257);
      expect(sanitizeChapter(chapterXhtml("One", hostile), ctx).html.split("<b>").length - 1).toBe(1000);
    }
    expect(nestingDepth("<!----><i><!-- x --><i>", 100)).toBe(2);
  });

  it("takes a quote as the start of a value only after =, as an HTML parser does", () => {
    // <b x'> is an attribute named x' and the tag ends at >: a quote elsewhere must not hide what follows.
    for (const opener of ["<b x'>", "<b x=a'>", '<b x">', "<b /'>", "<b '>", "<b'>", "<i></i x'>", '<b x=="\'>']) {
      const hostile = `${opener}${"<b>".repeat(1000)}'">`;
      expect(nestingDepth(hostile, 256), opener).toBe(257);
      expect(sanitizeChapter(chapterXhtml("One", hostile), ctx).html.split("<b>").length - 1, opener).toBeGreaterThanOrEqual(1000);
    }
    expect(nestingDepth(`<a title="x>y" alt = 'p>q'><i x=a'b>`, 100)).toBe(2);
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
