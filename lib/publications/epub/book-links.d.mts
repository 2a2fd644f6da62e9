/** A link inside the book: a zip path and an optional #fragment. */
export type BookLink = { path: string; fragment: string | null };

export function isExternalUrl(href: string): boolean;
export function dirname(path: string): string;
export function resolveHref(baseDir: string, href: string): BookLink | null;
export function readerUrl(slug: string, chapterIndex: number, fragment?: string | null): string;
export function assetUrl(slug: string, path: string, version?: string): string;
export const BOOK_ID_PREFIX: string;
export function bookElementId(fragment: string): string;
