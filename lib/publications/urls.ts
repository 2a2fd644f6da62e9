/**
 * Folio's URLs for book content. `chapter` is the 0-based spine index, the same number the
 * chapter API uses, so a link inside a book and the API agree.
 */
export function readerUrl(slug: string, chapterIndex: number, fragment?: string | null): string {
  return `/read/${encodeURIComponent(slug)}?chapter=${chapterIndex}${fragment ? `#${encodeURIComponent(fragment)}` : ""}`;
}

/** Zip path of an image, stylesheet or font → its URL; `version` changes when the file is re-uploaded. */
export function assetUrl(slug: string, path: string, version?: string): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `/api/publications/${encodeURIComponent(slug)}/assets/${encoded}${version ? `?v=${version}` : ""}`;
}

export function coverUrl(slug: string, version?: string): string {
  return `/api/publications/${encodeURIComponent(slug)}/cover${version ? `?v=${version}` : ""}`;
}

export function chapterApiUrl(slug: string, chapterIndex: number): string {
  return `/api/publications/${encodeURIComponent(slug)}/chapters/${chapterIndex}`;
}
