import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";

export type RawChapter = { index: number; path: string; xhtml: string };
export type CleanedChapter = { index: number; html: string; heading: string | null; wordCount: number };

export type CleanJob = {
  chapters: RawChapter[];
  slug: string;
  version: string;
  /** Zip paths in reading order (links to them become reader URLs). */
  spine: string[];
  /** Zip paths of the assets Folio serves (links and images to them become asset URLs). */
  assets: string[];
  limits: { maxNesting: number; maxProcessingMs: number; maxWorkerMemoryMb: number };
};

// Resolved from the working directory, not from this module: once Next or esbuild has bundled
// this file, its own location says nothing about where the worker is. `next dev`, `npm start`
// and Vitest all run from the project root (docs/decisions/0018).
const WORKER_PATH = join(process.cwd(), "lib", "publications", "epub", "chapter-worker.mjs");

type Message =
  | { type: "start"; index: number }
  | { type: "too-deep"; index: number }
  | ({ type: "chapter" } & CleanedChapter)
  | { type: "done" };

const named = (chapter: RawChapter | undefined) => (chapter ? `chapter ${chapter.index + 1} ("${chapter.path.slice(0, 120)}")` : "a chapter");

/**
 * Sanitizes the chapters in a worker thread, off the event loop, and refuses the book (nothing
 * is stored, the caller has not written anything yet) when a chapter nests deeper than
 * `maxNesting`, when the whole job takes longer than `maxProcessingMs` (the worker is
 * terminated) or when it needs more memory than `maxWorkerMemoryMb`.
 */
export function cleanChapters(job: CleanJob): Promise<CleanedChapter[]> {
  if (!existsSync(WORKER_PATH)) {
    return Promise.reject(new Error(`The chapter worker is missing at ${WORKER_PATH}: start Folio from its project directory.`));
  }
  const { limits, chapters, ...rest } = job;
  const byIndex = new Map(chapters.map((c) => [c.index, c]));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_PATH, {
      workerData: { ...rest, chapters, maxNesting: limits.maxNesting },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxWorkerMemoryMb },
      stdout: false,
      stderr: false,
    });
    const cleaned: CleanedChapter[] = [];
    let current: RawChapter | undefined;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(cleaned);
    };
    const timer = setTimeout(() => {
      finish(
        new AppError(
          "BAD_INPUT",
          `This EPUB's ${named(current)} took too long to process (the whole book may take ${Math.round(limits.maxProcessingMs / 1000)} seconds at most), so it was not accepted.`,
        ),
      );
    }, limits.maxProcessingMs);

    worker.on("message", (message: Message) => {
      if (message.type === "start") current = byIndex.get(message.index);
      else if (message.type === "chapter") {
        const { type: _type, ...chapter } = message;
        cleaned.push(chapter);
      } else if (message.type === "too-deep") {
        finish(
          new AppError(
            "BAD_INPUT",
            `This EPUB's ${named(byIndex.get(message.index))} is nested too deeply (more than ${limits.maxNesting} elements inside one another), so it was not accepted. Real books stay far below that; the file may be damaged.`,
          ),
        );
      } else finish(null);
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        finish(new AppError("BAD_INPUT", `This EPUB's ${named(current)} needs more than ${limits.maxWorkerMemoryMb} MB of memory to process, so it was not accepted.`));
      } else finish(new Error(`Cleaning the chapters of "${job.slug}" failed in the chapter worker.`, { cause: error }));
    });
    worker.on("exit", (code) => finish(new Error(`The chapter worker stopped (exit code ${code}) before it finished "${job.slug}".`)));
  });
}
