import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DEFAULT_EPUB_LIMITS } from "@/lib/publications/epub/limits";
import { parseEpub } from "@/lib/publications/epub/parse-epub";
import { buildEpub, chapterXhtml, epubFiles, zipFiles } from "@/tests/support/epub";

// 80,000 elements inside one another: about 560 KB, and tens of seconds of sanitize-html.
const DEEP = chapterXhtml("Two", `${"<i>".repeat(80_000)}deep${"</i>".repeat(80_000)}`);
// Stored, not deflated: deflated, it compresses so well that the zip-bomb check refuses it first.
const deepEpub = () => zipFiles(epubFiles({ "OEBPS/two.xhtml": DEEP }), "STORE");

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Counts how often a 5 ms timer fires while `work` runs: zero means the event loop was blocked. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; result: PromiseSettledResult<T> }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const [result] = await Promise.allSettled([work()]);
  clearInterval(timer);
  return { ticks, result: result! };
}

describe("chapters are cleaned in a worker thread, under limits", () => {
  it("refuses a chapter nested deeper than the limit, naming it, before sanitize-html sees it", async () => {
    const error = await refusal(parseEpub(await deepEpub(), { slug: "t" }));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      `This EPUB's chapter 2 ("OEBPS/two.xhtml") is nested too deeply (more than 256 elements inside one another), so it was not accepted. Real books stay far below that; the file may be damaged.`,
    );
  });

  it("accepts a chapter nested exactly as deep as the limit", async () => {
    const body = `${"<span>".repeat(250)}fine${"</span>".repeat(250)}`;
    const book = await parseEpub(await buildEpub({ "OEBPS/two.xhtml": chapterXhtml("Two", body) }), { slug: "t" });
    expect(book.chapters[1]!.html).toContain("fine");
  });

  it("stops the worker past the time limit and keeps the event loop free meanwhile", async () => {
    // Without the depth check the same chapter would take sanitize-html tens of seconds.
    const limits = { ...DEFAULT_EPUB_LIMITS, maxNesting: 1_000_000, maxProcessingMs: 1_500 };
    const data = await deepEpub();
    const { ticks, result } = await ticksDuring(() => parseEpub(data, { slug: "t", limits }));
    expect(result.status).toBe("rejected");
    const error = (result as PromiseRejectedResult).reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe(
      `This EPUB's chapter 2 ("OEBPS/two.xhtml") took too long to process (the whole book may take 2 seconds at most), so it was not accepted.`,
    );
    // The timer kept firing while the chapter was being sanitized: the request thread was free.
    expect(ticks).toBeGreaterThan(20);
  });

  it("cleans a real book in the worker with the same result as before (links, words, titles)", async () => {
    const book = await parseEpub(await buildEpub(), { slug: "tiny", version: "v1" });
    expect(book.chapters.map((c) => [c.index, c.href, c.title])).toEqual([
      [0, "OEBPS/one.xhtml", "One"],
      [1, "OEBPS/two.xhtml", "Two"],
    ]);
    expect(book.chapters[0]!.html).toContain('href="/read/tiny?chapter=1#later"');
    expect(book.chapters[0]!.html).toContain('src="/api/publications/tiny/assets/OEBPS/images/pic.png?v=v1"');
    expect(book.wordCount).toBe(book.chapters.reduce((sum, c) => sum + c.wordCount, 0));
  });
});
