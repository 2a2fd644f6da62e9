// Overlapping highlights of one person merge into one instead of stacking. Pure: the server runs
// it inside the transaction that saves the highlight (lib/reading/annotations.ts).

export type Span = { startOffset: number; endOffset: number; quote: string };

/** Whether two spans of the same chapter share at least one character. */
export const overlaps = (a: Span, b: Span) => a.startOffset < b.endOffset && b.startOffset < a.endOffset;

/** A span whose quote is exactly its offsets' length, so its text can be stitched to another's. */
export const isConsistent = (s: Span) => s.quote.length === s.endOffset - s.startOffset;

/**
 * One span covering all of `spans` (which overlap in a chain), with the quote stitched from
 * theirs: each adds the text past the end of what came before. Null when a quote does not match
 * its offsets (the text cannot be stitched without guessing).
 */
export function unionSpan(spans: Span[]): Span | null {
  if (!spans.length || !spans.every(isConsistent)) return null;
  const sorted = [...spans].sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  let merged: Span = { ...sorted[0]! };
  for (const next of sorted.slice(1)) {
    if (next.startOffset > merged.endOffset) return null; // a gap: not one passage
    if (next.endOffset <= merged.endOffset) continue;
    merged = { startOffset: merged.startOffset, endOffset: next.endOffset, quote: merged.quote + next.quote.slice(merged.endOffset - next.startOffset) };
  }
  return merged;
}

/**
 * The existing highlights a new one absorbs: those overlapping it, then those overlapping the
 * grown span, until nothing more joins.
 */
export function overlapping<T extends Span>(incoming: Span, existing: T[]): T[] {
  const taken = new Set<T>();
  let span = { ...incoming };
  for (let grew = true; grew;) {
    grew = false;
    for (const e of existing) {
      if (taken.has(e) || !overlaps(span, e)) continue;
      taken.add(e);
      span = { ...span, startOffset: Math.min(span.startOffset, e.startOffset), endOffset: Math.max(span.endOffset, e.endOffset) };
      grew = true;
    }
  }
  return existing.filter((e) => taken.has(e));
}

/** The notes of merged highlights, oldest first, each once, separated by a blank line. */
export function mergeNotes(notes: (string | null | undefined)[]): string | null {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const n of notes) {
    const t = n?.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      kept.push(t);
    }
  }
  return kept.length ? kept.join("\n\n") : null;
}
