/**
 * Headers for files from inside a book. The stored media type is sent as is, never sniffed;
 * opened directly (an SVG can carry script), the file runs in a sandbox with nothing allowed.
 */
export function assetHeaders(mediaType: string, cacheControl: string): Headers {
  return new Headers({
    "content-type": mediaType === "text/css" ? "text/css; charset=utf-8" : mediaType,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": cacheControl,
  });
}
