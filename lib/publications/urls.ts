// The two URLs a book's own links are rewritten to live with the chapter worker's code.
export { assetUrl, bookElementId, readerUrl } from "@/lib/publications/epub/book-links.mjs";

export function coverUrl(slug: string, version?: string): string {
  return `/api/publications/${encodeURIComponent(slug)}/cover${version ? `?v=${version}` : ""}`;
}

export function chapterApiUrl(slug: string, chapterIndex: number): string {
  return `/api/publications/${encodeURIComponent(slug)}/chapters/${chapterIndex}`;
}
