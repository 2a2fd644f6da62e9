// Which chapter a first reading opens on. The book's bodymatter landmark (stored at ingestion as
// Publication.startChapter) often points at a divider page — "Book I", a part title — with a
// heading and nothing to read. The choice is made when the reader opens (not at ingestion), so
// books already in the catalog benefit and the landmark stays stored as the book says it.

/**
 * Fewer words than this is a divider ("Book I", "Part One: 1805") or a dedication line, not text
 * to read. Kept low so a short prologue or poem still counts as text.
 */
export const MIN_TEXT_WORDS = 20;
/** How far past the landmark to look: a book whose text starts later than this keeps its landmark. */
export const LOOK_AHEAD = 12;

/** The first chapter at or after `from` with meaningful text; `from` itself when none is near. */
export function firstChapterWithText(chapters: { index: number; wordCount: number }[], from: number): number {
  if (!chapters.length) return 0;
  const start = Math.min(Math.max(from, 0), chapters.length - 1);
  for (let i = start; i < chapters.length && i <= start + LOOK_AHEAD; i++) {
    if (chapters[i]!.wordCount >= MIN_TEXT_WORDS) return chapters[i]!.index;
  }
  return chapters[start]!.index;
}
