// Whole-book progress and time left, from the chapters' word counts and the person's own pace.
// Pure: the reader recomputes it as the person scrolls; the pace comes from the server
// (lib/reading/pace.ts), measured on their reading clock.

/** A new reader's pace until their own is known: an adult's unhurried reading of prose. */
export const DEFAULT_WORDS_PER_MINUTE = 230;
/**
 * How many minutes of reading the default counts for when blended with what was measured: after
 * ten minutes of their own reading, a person's pace weighs as much as the default.
 */
export const PRIOR_MINUTES = 10;
/** Paces outside this range are skimming or a page left open, not reading. */
export const MIN_WORDS_PER_MINUTE = 80;
export const MAX_WORDS_PER_MINUTE = 600;

export type Pace = { wordsPerMinute: number; measuredMinutes: number };

/**
 * The person's pace: the words they covered over the active minutes they spent, pulled towards
 * the default while they have read little, and kept in a believable range.
 */
export function estimatePace(measured: { words: number; seconds: number }): Pace {
  const words = Math.max(0, measured.words);
  const minutes = Math.max(0, measured.seconds) / 60;
  const blended = (words + DEFAULT_WORDS_PER_MINUTE * PRIOR_MINUTES) / (minutes + PRIOR_MINUTES);
  const wordsPerMinute = Math.round(Math.min(MAX_WORDS_PER_MINUTE, Math.max(MIN_WORDS_PER_MINUTE, blended)));
  return { wordsPerMinute, measuredMinutes: Math.round(minutes) };
}

/** The words of a chapter a reading covered: its share of the words, no faster than the top pace. */
export function wordsCovered(chapter: { wordCount: number; furthest: number; activeSeconds: number }): number {
  const share = Math.min(1, Math.max(0, chapter.furthest)) * Math.max(0, chapter.wordCount);
  return Math.min(share, (Math.max(0, chapter.activeSeconds) / 60) * MAX_WORDS_PER_MINUTE);
}

export type BookPlace = { percent: number; wordsLeft: number; totalWords: number };

/** How far through the book a place is (chapter + position in it), weighted by words. */
export function placeInBook(wordCounts: number[], chapterIndex: number, position: number): BookPlace {
  // Every chapter weighs at least one word, so a book of pictures still moves forward.
  const words = wordCounts.map((w) => Math.max(w, 1));
  const total = words.reduce((a, b) => a + b, 0);
  if (!total) return { percent: 0, wordsLeft: 0, totalWords: 0 };
  const index = Math.min(Math.max(chapterIndex, 0), words.length - 1);
  const before = words.slice(0, index).reduce((a, b) => a + b, 0);
  const read = before + Math.min(Math.max(position, 0), 1) * words[index]!;
  return { percent: read / total, wordsLeft: Math.max(0, total - read), totalWords: total };
}

/** Minutes left at a pace, rounded up (a started minute counts). */
export function minutesLeft(wordsLeft: number, pace: Pace): number {
  return Math.ceil(Math.max(0, wordsLeft) / Math.max(1, pace.wordsPerMinute));
}

/** "about 41 h 20 min left", "12 min left", "less than a minute left", "finished". */
export function formatTimeLeft(minutes: number): string {
  if (minutes <= 0) return "finished";
  if (minutes < 1) return "less than a minute left";
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  // Past ten hours, minutes are noise.
  if (hours >= 10) return `about ${rest >= 30 ? hours + 1 : hours} h left`;
  return `about ${hours} h${rest ? ` ${rest} min` : ""} left`;
}

/** "37%" — whole percent, and never 100% before the end nor 0% once begun. */
export function formatPercent(percent: number): string {
  const p = Math.min(Math.max(percent, 0), 1) * 100;
  const rounded = p > 0 && p < 1 ? 1 : p < 100 && p > 99 ? 99 : Math.round(p);
  return `${rounded}%`;
}
