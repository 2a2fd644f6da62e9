"use client";
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdf.js, loaded in the browser only (its module touches canvas and DOM APIs at load). The legacy
// build runs on the older tablets schools keep; its worker and data files come from Folio
// (app/api/pdfjs), never a CDN. The book file comes from /api/publications/<slug>/file with range
// requests: nothing is fetched ahead (disableAutoFetch), and the first request is not streamed
// to the end (disableStream), so page 280 costs the bytes of page 280, not of the whole book.
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

export async function openPdf(url: string): Promise<{ task: PDFDocumentLoadingTask; pdfjs: PdfJs }> {
  const pdfjs = await loadPdfJs();
  const base = assetBase(pdfjs.version);
  const task = pdfjs.getDocument({
    url,
    withCredentials: true,
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
