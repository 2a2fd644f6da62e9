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
};

export const DEFAULT_EPUB_LIMITS: EpubLimits = {
  maxCompressedBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 10_000,
};

export const MB = 1024 * 1024;
