"use client";
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdf.js, loaded in the browser only (its module touches canvas and DOM APIs at load). The legacy
// build runs on the older tablets schools keep; its worker and data files come from Folio
// (app/api/pdfjs), never a CDN. The book file comes from /api/publications/<slug>/file by byte
// ranges only: nothing is fetched ahead (disableAutoFetch), so page 280 costs the bytes of
// page 280 and what it shares with others, not the whole book.
// No PDF script ever runs: there is no annotation layer with scripting and no scripting sandbox,
// and this pdf.js compiles no code from strings (the worker is also served with a CSP without
// 'unsafe-eval').

export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = `${assetBase(pdfjs.version)}/pdf.worker.min.mjs`;
    return pdfjs;
  });
  return loading;
}

const assetBase = (version: string) => `/api/pdfjs/${version}`;

/** Bytes fetched per range request: about a page or two of a typical textbook. */
export const RANGE_CHUNK_BYTES = 256 * 1024;

/** The book file as the reader page knows it: its size and its ETag (the SHA-256). */
export type BookFile = { url: string; size: number; etag: string };

/** A failed range request: the HTTP status (0 for the network), so the reader can say why. */
export class FileRangeError extends Error {
  constructor(readonly status: number) {
    super(`The book file did not load (${status || "network"}).`);
  }
}

async function fetchRange(file: BookFile, begin: number, end: number, signal: AbortSignal): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(file.url, {
        credentials: "same-origin",
        // If-Range: were the file replaced while the book is open, the whole new file would come back (200), not a mix.
        headers: { range: `bytes=${begin}-${end - 1}`, "if-range": file.etag },
        signal,
      });
      if (response.status !== 206) throw new FileRangeError(response.status);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length !== end - begin) throw new FileRangeError(response.status);
      return bytes;
    } catch (error) {
      // One more try for a dropped connection; an answer from the server (401, 403, a new file) is final.
      if (error instanceof FileRangeError || signal.aborted || attempt >= 1) throw error;
    }
  }
}

/**
 * Opens the book by byte ranges: pdf.js asks for the ranges it needs and this fetches them from
 * the file route (which checks access on each). The size comes from the page, so nothing has to
 * be read to learn it (the app server does not pass Content-Length through on streamed answers).
 */
export async function openPdf(file: BookFile, onError: (error: FileRangeError) => void): Promise<{ task: PDFDocumentLoadingTask; pdfjs: PdfJs }> {
  const pdfjs = await loadPdfJs();
  const base = assetBase(pdfjs.version);
  const aborts = new AbortController();
  const transport = new pdfjs.PDFDataRangeTransport(file.size, null);
  let failed = false;
  transport.requestDataRange = (begin: number, end: number) => {
    fetchRange(file, begin, end, aborts.signal).then(
      (bytes) => transport.onDataRange(begin, bytes),
      (error: unknown) => {
        if (aborts.signal.aborted || failed) return;
        failed = true;
        onError(error instanceof FileRangeError ? error : new FileRangeError(0));
      },
    );
  };
  const abort = transport.abort.bind(transport);
  transport.abort = () => {
    aborts.abort();
    abort();
  };
  const task = pdfjs.getDocument({
    range: transport,
    rangeChunkSize: RANGE_CHUNK_BYTES,
    disableAutoFetch: true,
    disableStream: true,
    enableXfa: false,
    standardFontDataUrl: `${base}/standard_fonts/`,
    cMapUrl: `${base}/cmaps/`,
    cMapPacked: true,
    wasmUrl: `${base}/wasm/`,
    // Caps what one hostile page can make the browser allocate.
    maxImageSize: 64 * 1024 * 1024,
  });
  return { task, pdfjs };
}

export type { PDFDocumentProxy };
