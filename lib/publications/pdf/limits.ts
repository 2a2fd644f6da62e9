/**
 * What an uploaded PDF may weigh (docs/decisions/0026). A 900-page scanned textbook is around
 * 300 MB; real books have at most a few thousand pages. Parsing runs in a worker thread that is
 * stopped past the time or memory limit, and the book is refused.
 */
export type PdfLimits = {
  /** Size of the uploaded file. */
  maxBytes: number;
  /** Pages, as the file declares them: checked before a page is read. */
  maxPages: number;
  /** Wall-clock time the parse worker may take for the whole file. */
  maxProcessingMs: number;
  /** Heap the parse worker may use (the file's own bytes are held outside it). */
  maxWorkerMemoryMb: number;
  /**
   * Growth of the whole process's resident memory while the worker reads, checked every 100 ms.
   * The heap limit does not cover buffers outside the heap: a stream of a few megabytes can
   * inflate to gigabytes of decoded bytes, which only this catches.
   */
  maxProcessGrowthMb: number;
  /** Characters of text kept per page; the rest is cut (a page of real text holds a few thousand). */
  maxPageChars: number;
  /**
   * Characters of page text for the whole book. Without it a small file whose pages all share one
   * dense content stream would send pages × maxPageChars (half a billion) to the request thread.
   */
  maxTotalChars: number;
  /** Outline entries kept, and how deep. */
  maxOutlineEntries: number;
  maxOutlineDepth: number;
  /** Width of the cover rendered from page 1, in pixels (its height is capped at twice that). */
  coverWidth: number;
};

export const PDF_MB = 1024 * 1024;

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxBytes: 320 * PDF_MB,
  maxPages: 5_000,
  maxProcessingMs: 180_000,
  maxWorkerMemoryMb: 1024,
  maxProcessGrowthMb: 2048,
  maxPageChars: 100_000,
  maxTotalChars: 40_000_000,
  maxOutlineEntries: 5_000,
  maxOutlineDepth: 12,
  coverWidth: 600,
};

/**
 * True when the bytes start like a PDF: `%PDF-` within the first 1,024 bytes, where readers of
 * the format look for it (some producers put a few bytes of junk first).
 */
export function looksLikePdf(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).indexOf("%PDF-", 0, "latin1") !== -1;
}
