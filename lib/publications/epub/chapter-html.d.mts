export type LinkContext = {
  slug: string;
  /** Zip path of the chapter being cleaned. */
  chapterPath: string;
  /** Zip path → 0-based spine index. */
  spineIndex: Map<string, number>;
  /** Zip paths of the assets Folio stores and serves. */
  assets: Set<string>;
  /** Cache-busting version appended to asset URLs. */
  version: string;
};

export type CleanChapter = { html: string; text: string; heading: string | null };

export const BOOK_CLASS_PREFIX: string;
export function sanitizeChapter(xhtml: string, ctx: LinkContext): CleanChapter;
export function htmlToText(html: string): string;
export function countWords(text: string): number;
export function nestingDepth(text: string, limit: number): number;
