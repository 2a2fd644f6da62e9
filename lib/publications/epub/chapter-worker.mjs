// The worker thread that cleans a book's chapters, so that a hostile or merely huge chapter never
// blocks the server's event loop (docs/decisions/0018). Plain JavaScript that imports only npm
// packages and its neighbours, so Node runs it as it is under Vitest, `next dev` and the
// production build; lib/publications/epub/clean-chapters.ts starts it and enforces the time limit.
import { parentPort, workerData } from "node:worker_threads";
import { countWords, nestingDepth, sanitizeChapter } from "./chapter-html.mjs";

/** @type {{ chapters: { index: number; path: string; xhtml: string }[]; slug: string; version: string; spine: string[]; assets: string[]; maxNesting: number }} */
const job = workerData;
const spineIndex = new Map(job.spine.map((path, i) => [path, i]));
const assets = new Set(job.assets);

for (const { index, path, xhtml } of job.chapters) {
  parentPort.postMessage({ type: "start", index });
  // Refused before sanitize-html sees it: its cost grows much faster than the nesting.
  const depth = nestingDepth(xhtml, job.maxNesting);
  if (depth > job.maxNesting) {
    parentPort.postMessage({ type: "too-deep", index });
    break;
  }
  const clean = sanitizeChapter(xhtml, { slug: job.slug, chapterPath: path, spineIndex, assets, version: job.version });
  parentPort.postMessage({ type: "chapter", index, html: clean.html, heading: clean.heading, wordCount: countWords(clean.text) });
}
parentPort.postMessage({ type: "done" });
