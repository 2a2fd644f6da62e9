import { describe, expect, it } from "vitest";
import { scoreFor, scoreTimestamp } from "@/lib/courses/grade-delivery";

describe("score timestamps", () => {
  const now = new Date("2026-11-30T10:00:00.400Z");

  it("is the time of sending for a first score", () => {
    expect(scoreTimestamp(null, now)).toEqual(now);
  });

  it("is at least a second after the last acknowledged score, which platforms compare in whole seconds", () => {
    // A completion right after a partial score: Moodle would refuse an equal second with 409.
    const last = new Date("2026-11-30T10:00:00.100Z");
    const next = scoreTimestamp(last, now);
    expect(Math.floor(next.getTime() / 1000)).toBeGreaterThan(Math.floor(last.getTime() / 1000));
    expect(scoreTimestamp(new Date("2026-11-30T09:00:00Z"), now)).toEqual(now);
  });

  it("sends partial shares as Pending and a completed reading as FullyGraded out of the maximum", () => {
    expect(scoreFor({ subject: "s", share: 0.5, completed: false, scoreMaximum: 10, changedAt: now }))
      .toMatchObject({ userId: "s", scoreGiven: 5, scoreMaximum: 10, activityProgress: "InProgress", gradingProgress: "Pending" });
    expect(scoreFor({ subject: "s", share: 0.99, completed: true, scoreMaximum: 10, changedAt: now }))
      .toMatchObject({ scoreGiven: 10, activityProgress: "Completed", gradingProgress: "FullyGraded" });
  });
});
