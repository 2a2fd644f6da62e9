import { describe, expect, it } from "vitest";
import {
  DEFAULT_WORDS_PER_MINUTE, estimatePace, formatPercent, formatTimeLeft, MAX_WORDS_PER_MINUTE, MIN_WORDS_PER_MINUTE, minutesLeft, placeInBook, wordsCovered,
} from "@/lib/reading/time-left";

describe("whole-book progress and time left", () => {
  it("a new reader gets the default pace; a measured one moves towards their own", () => {
    expect(estimatePace({ words: 0, seconds: 0 }).wordsPerMinute).toBe(DEFAULT_WORDS_PER_MINUTE);
    // Ten minutes at 400 wpm weighs as much as the default.
    expect(estimatePace({ words: 4_000, seconds: 600 }).wordsPerMinute).toBe(Math.round((4_000 + DEFAULT_WORDS_PER_MINUTE * 10) / 20));
    // Hours of reading at 150 wpm: their pace, nearly exactly.
    expect(estimatePace({ words: 150 * 600, seconds: 600 * 60 }).wordsPerMinute).toBeLessThan(155);
    expect(estimatePace({ words: 1e9, seconds: 60 }).wordsPerMinute).toBe(MAX_WORDS_PER_MINUTE);
    expect(estimatePace({ words: 0, seconds: 1e6 }).wordsPerMinute).toBe(MIN_WORDS_PER_MINUTE);
  });

  it("scrolling through a chapter without the time counts only the words the top pace allows", () => {
    expect(wordsCovered({ wordCount: 5_000, furthest: 1, activeSeconds: 6 })).toBe(60);
    expect(wordsCovered({ wordCount: 1_000, furthest: 0.5, activeSeconds: 600 })).toBe(500);
  });

  it("measures the place by words, not by chapters", () => {
    // Chapter 7 of a book whose first chapters are short: far less than 7 / 393.
    const words = [2, 3, 2_000, 2_000, 2_000, 2_000, 2_000, ...Array(386).fill(1_500)];
    const place = placeInBook(words, 7, 0);
    expect(place.percent).toBeCloseTo(10_005 / (10_005 + 386 * 1_500), 6);
    expect(place.wordsLeft).toBe(386 * 1_500);
    expect(placeInBook([100, 100], 1, 1).percent).toBe(1);
    expect(placeInBook([0, 0], 0, 0.5).percent).toBe(0.25); // a book of pictures still moves
    expect(placeInBook([], 0, 0)).toEqual({ percent: 0, wordsLeft: 0, totalWords: 0 });
  });

  it("turns words left into a time at the person's pace, said plainly", () => {
    expect(minutesLeft(579_000, { wordsPerMinute: 230, measuredMinutes: 0 })).toBe(2518);
    expect(formatTimeLeft(2518)).toBe("about 42 h left");
    expect(formatTimeLeft(125)).toBe("about 2 h 5 min left");
    expect(formatTimeLeft(120)).toBe("about 2 h left");
    expect(formatTimeLeft(12)).toBe("12 min left");
    expect(formatTimeLeft(0)).toBe("finished");
    expect(formatPercent(0.0004)).toBe("1%");
    expect(formatPercent(0.996)).toBe("99%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1)).toBe("100%");
  });
});
