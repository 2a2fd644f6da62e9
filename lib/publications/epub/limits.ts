/**
 * What an uploaded EPUB may weigh. Real books are far below these (War and Peace: 3 MB zipped,
 * about 10 MB unzipped); zip bombs are far above. Declared sizes are checked before anything is
 * inflated, and the same caps are enforced again while inflating, because headers can lie.
 */
export type EpubLimits = {
  /** Size of the uploaded file. */
  maxCompressedBytes: number;
  /** Sum of the sizes the zip declares (and that inflating may produce). */
  maxUncompressedBytes: number;
  /** One entry, declared or inflated. */
  maxEntryBytes: number;
  /** Inflated size over stored size, for the whole file and for any entry above 1 MB. */
  maxRatio: number;
  maxEntries: number;
  /**
   * Elements inside one another, in a chapter or an XML file of the book. Real books nest a few
   * dozen deep; tens of thousands make the parsers crawl or overflow (docs/decisions/0018).
   */
  maxNesting: number;
  /** Wall-clock time the chapter worker may take for the whole book before it is stopped. */
  maxProcessingMs: number;
  /** Heap the chapter worker may use. */
  maxWorkerMemoryMb: number;
};

export const DEFAULT_EPUB_LIMITS: EpubLimits = {
  maxCompressedBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 10_000,
  maxNesting: 256,
  maxProcessingMs: 60_000,
  maxWorkerMemoryMb: 1024,
};

export const MB = 1024 * 1024;
