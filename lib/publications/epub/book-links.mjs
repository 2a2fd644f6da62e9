// Plain JavaScript on purpose: the chapter worker (chapter-worker.mjs) runs this file as it is,
// in `next dev`, in the production build and under Vitest alike (docs/decisions/0018).
// Types: book-links.d.mts.

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** http:, https:, mailto:, javascript:, data: … or protocol-relative //host. */
export function isExternalUrl(href) {
  return SCHEME.test(href) || href.startsWith("//");
}

export function dirname(path) {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Resolves a relative href against the folder of the document that contains it, inside the zip.
 * Returns null for external URLs, absolute paths and paths that climb out of the book: the
 * caller decides whether that is a reason to refuse the file or only to drop a link.
 */
export function resolveHref(baseDir, href) {
  const trimmed = href.trim();
  if (!trimmed || isExternalUrl(trimmed) || trimmed.startsWith("/") || trimmed.startsWith("\\")) return null;
  const hash = trimmed.indexOf("#");
  const rawPath = (hash === -1 ? trimmed : trimmed.slice(0, hash)).split("?")[0];
  const fragment = hash === -1 ? null : decode(trimmed.slice(hash + 1)) || null;
  if (!rawPath) return { path: "", fragment };
  const stack = baseDir ? baseDir.split("/") : [];
  for (const raw of rawPath.split("/")) {
    const segment = decode(raw);
    if (segment.includes("\\") || segment.includes("\0")) return null;
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (!stack.length) return null;
      stack.pop();
    } else stack.push(segment);
  }
  return { path: stack.join("/"), fragment };
}

/**
 * A book's ids are namespaced like its classes: an element with id="__next_f" in a chapter would
 * otherwise be window.__next_f on the reader's page and stop Next from starting (DOM clobbering).
 * URLs and links keep the book's own fragment; the reader looks the element up with this.
 */
export const BOOK_ID_PREFIX = "bk-";

export function bookElementId(fragment) {
  return BOOK_ID_PREFIX + fragment;
}

/**
 * Folio's URLs for book content. `chapter` is the 0-based spine index, the same number the
 * chapter API uses, so a link inside a book and the API agree.
 */
export function readerUrl(slug, chapterIndex, fragment) {
  return `/read/${encodeURIComponent(slug)}?chapter=${chapterIndex}${fragment ? `#${encodeURIComponent(fragment)}` : ""}`;
}

/** Zip path of an image, stylesheet or font → its URL; `version` changes when the file is re-uploaded. */
export function assetUrl(slug, path, version) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `/api/publications/${encodeURIComponent(slug)}/assets/${encoded}${version ? `?v=${version}` : ""}`;
}
