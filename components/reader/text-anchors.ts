// Pure text arithmetic for highlight anchors: offsets into a chapter's text content plus the
// quoted text, so a highlight finds its place again when the offsets drift.

/** Narrows [start, end) so it neither starts nor ends with whitespace (the server trims quotes). */
export function trimOffsets(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

/**
 * Where a saved highlight is in `text` now: at its offsets when the quote is still there,
 * otherwise at the occurrence of the quote nearest to where it was; null when the quote is gone.
 */
export function resolveAnchor(text: string, anchor: { start: number; end: number; quote: string }): { start: number; end: number } | null {
  const { start, end, quote } = anchor;
  if (!quote) return null;
  if (text.slice(start, end) === quote) return { start, end };
  let best = -1;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (best === -1 || Math.abs(at - start) < Math.abs(best - start)) best = at;
    if (at > start) break;
  }
  return best === -1 ? null : { start: best, end: best + quote.length };
}
