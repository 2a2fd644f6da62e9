import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import type { TocEntry } from "@/lib/publications/epub/toc";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "@/lib/publications/pdf/limits";

export type ParsedPdfPage = { index: number; html: string; wordCount: number };
export type ParsedPdf = {
  sha256: string;
  size: number;
  pageCount: number;
  /** From the file's XMP or Info dictionary; null when it names none. */
  title: string | null;
  author: string | null;
  description: string | null;
  language: string | null;
  /** The outline, each entry pointing at a 0-based page index. */
  outline: TocEntry[];
  pages: ParsedPdfPage[];
  cover: { mediaType: string; data: Uint8Array } | null;
};

type Refusal = "not-pdf" | "password" | "encrypted" | "damaged" | "too-many-pages" | "too-much-text";
type Message =
  | { type: "refused"; reason: Refusal; pageCount?: number; detail?: string }
  | ({ type: "meta" } & Omit<ParsedPdf, "pages" | "cover">)
  | ({ type: "page" } & ParsedPdfPage)
  | { type: "cover"; mediaType: string | null; data: Uint8Array | null }
  | { type: "failed"; message: string }
  | { type: "done" };

// Resolved from the working directory, like the chapter worker (docs/decisions/0018): once Next
// has bundled this file, its own location says nothing about where the worker is.
const ROOT = process.cwd();
const WORKER_PATH = join(ROOT, "lib", "publications", "pdf", "pdf-worker.mjs");

const refused = (message: string, cause?: string) => new AppError("BAD_INPUT", message, { fields: { file: message }, cause });

function refusal(message: Extract<Message, { type: "refused" }>, limits: PdfLimits): AppError {
  switch (message.reason) {
    case "not-pdf":
      return refused("This file is not a PDF. Choose a PDF or an EPUB file.");
    case "password":
      return refused("This PDF is protected by a password. Save a copy without a password, then upload that.");
    case "encrypted":
      return refused("This PDF is encrypted (it restricts copying or printing). Save a copy without encryption or restrictions, then upload that.");
    case "too-many-pages":
      return refused(`This PDF has ${message.pageCount?.toLocaleString("en-US")} pages; Folio accepts at most ${limits.maxPages.toLocaleString("en-US")}.`);
    case "too-much-text":
      return refused(`This PDF holds more than ${limits.maxTotalChars.toLocaleString("en-US")} characters of text (passed on page ${message.pageCount?.toLocaleString("en-US")}), more than any book Folio takes, so it was not accepted.`);
    case "damaged":
      // What pdf.js said stays on the error's cause, for whoever debugs; the administrator gets the sentence.
      return refused("This PDF is damaged and could not be read. Open it in a PDF editor, save a repaired copy, then upload that.", message.detail);
  }
}

// One PDF at a time per process: a parse holds the whole file and up to maxWorkerMemoryMb.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads the PDF at `path` in a worker thread (pdf-worker.mjs): metadata, outline, text per page
 * and a cover drawn from page 1. Refuses the file with a field message (nothing has been written
 * yet) when it is not a PDF, needs a password or is encrypted, is damaged beyond what the parser
 * repairs, has more than `maxPages` pages, or takes longer than `maxProcessingMs` or more memory
 * than `maxWorkerMemoryMb` (the worker is terminated).
 */
export function parsePdf(path: string, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<ParsedPdf> {
  const run = queue.then(() => runWorker(path, limits));
  queue = run.catch(() => undefined);
  return run;
}

function runWorker(path: string, limits: PdfLimits): Promise<ParsedPdf> {
  if (!existsSync(WORKER_PATH)) {
    return Promise.reject(new Error(`The PDF worker is missing at ${WORKER_PATH}: start Folio from its project directory.`));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_PATH, {
      workerData: { path, root: ROOT, limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxWorkerMemoryMb },
      stdout: false,
      stderr: false,
    });
    let meta: Extract<Message, { type: "meta" }> | undefined;
    const pages: ParsedPdfPage[] = [];
    let cover: ParsedPdf["cover"] = null;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      void worker.terminate();
      if (error) return reject(error);
      if (!meta || pages.length !== meta.pageCount) return reject(new Error("The PDF worker finished without reading every page."));
      const { type: _type, ...rest } = meta;
      resolve({ ...rest, pages, cover });
    };
    const timer = setTimeout(() => {
      const where = meta ? ` (it had read ${pages.length} of ${meta.pageCount} pages)` : "";
      finish(refused(`This PDF took too long to read${where}: Folio gives a file ${Math.round(limits.maxProcessingMs / 1000)} seconds at most, so it was not accepted.`));
    }, limits.maxProcessingMs);

    // Decoded streams live outside the worker's heap, so its heap limit cannot stop a decompression
    // bomb: the process's resident memory is watched, and the worker stopped once it grows too much.
    const baseline = process.memoryUsage.rss();
    const watchdog = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > limits.maxProcessGrowthMb * 1024 * 1024) {
        finish(refused(`This PDF needs more than ${limits.maxProcessGrowthMb} MB of memory to read (a stream in it unpacks to far more than it weighs), so it was not accepted.`));
      }
    }, 100);

    worker.on("message", (message: Message) => {
      if (message.type === "meta") meta = message;
      else if (message.type === "page") pages.push({ index: message.index, html: message.html, wordCount: message.wordCount });
      else if (message.type === "cover") cover = message.data && message.mediaType ? { mediaType: message.mediaType, data: message.data } : null;
      else if (message.type === "refused") finish(refusal(message, limits));
      else if (message.type === "failed") finish(new Error(`Reading a PDF failed in the PDF worker: ${message.message}`));
      else finish(null);
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        finish(refused(`This PDF needs more than ${limits.maxWorkerMemoryMb} MB of memory to read, so it was not accepted.`));
      } else {
        // Folio's own steps in the worker catch their errors and report "failed"; an uncaught one
        // comes from inside pdf.js, reading this file.
        finish(refusal({ type: "refused", reason: "damaged", detail: String(error.message).slice(0, 200) }, limits));
      }
    });
    worker.on("exit", (code) => finish(new Error(`The PDF worker stopped (exit code ${code}) before it finished.`)));
  });
}
