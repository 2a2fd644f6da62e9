// HTTP range requests (RFC 9110 §14) for book files: one range per request, which is what the PDF
// reader asks for. Pure, so each case is tested without a server.

/** What to send for a Range header against an object of `size` bytes. */
export type RangeDecision =
  | { kind: "whole" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

const SPEC = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a `Range` header: `bytes=a-b`, `bytes=a-` or `bytes=-n`. A header that is not a single
 * byte range (several ranges, another unit, malformed) is ignored, as the RFC allows, and the whole
 * object is sent; a well-formed range that starts past the end is unsatisfiable (416).
 */
export function decideRange(header: string | null, size: number): RangeDecision {
  if (!header) return { kind: "whole" };
  const match = SPEC.exec(header.trim().replace(/\s+/g, ""));
  if (!match) return { kind: "whole" };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === "" && last === "") return { kind: "whole" };
  // Digits beyond what a number holds exactly would compare wrongly: treat as malformed.
  if (first.length > 15 || last.length > 15) return { kind: "whole" };
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (last !== "" && end < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

/** A strong entity tag for content named by its hash. */
export const etagFor = (sha256: string) => `"${sha256}"`;

/**
 * `If-Range`: the range applies only when the validator is our current entity tag (strong
 * comparison). A date, or a tag of an older file, means "send it all".
 */
export function ifRangeAllows(header: string | null, etag: string): boolean {
  if (header === null) return true;
  return header.trim() === etag;
}

/** `If-None-Match`: true when the client's copy is current (any of its listed tags, or *). */
export function notModified(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}
