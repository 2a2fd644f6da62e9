import { describe, expect, it } from "vitest";
import { decideRange, etagFor, ifRangeAllows, notModified } from "@/lib/http/byte-range";

describe("decideRange", () => {
  it("reads the three single-range forms", () => {
    expect(decideRange("bytes=0-99", 1000)).toEqual({ kind: "partial", start: 0, end: 99 });
    expect(decideRange("bytes=900-", 1000)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(decideRange("bytes=-100", 1000)).toEqual({ kind: "partial", start: 900, end: 999 });
  });

  it("clips a range running past the end, and a suffix longer than the file", () => {
    expect(decideRange("bytes=990-5000", 1000)).toEqual({ kind: "partial", start: 990, end: 999 });
    expect(decideRange("bytes=-5000", 1000)).toEqual({ kind: "partial", start: 0, end: 999 });
  });

  it("refuses a range that starts at or past the end, and an empty suffix", () => {
    expect(decideRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(decideRange("bytes=2000-3000", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(decideRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
  });

  it("ignores what is not one byte range: the whole file is sent", () => {
    for (const header of [null, "", "bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=-", "bytes=a-b", "bytes=0-99999999999999999999"]) {
      expect(decideRange(header, 1000)).toEqual({ kind: "whole" });
    }
  });
});

describe("validators", () => {
  const etag = etagFor("abc");
  it("applies If-Range only for the current entity tag", () => {
    expect(ifRangeAllows(null, etag)).toBe(true);
    expect(ifRangeAllows('"abc"', etag)).toBe(true);
    expect(ifRangeAllows('"old"', etag)).toBe(false);
    expect(ifRangeAllows("Wed, 21 Oct 2015 07:28:00 GMT", etag)).toBe(false);
  });
  it("answers If-None-Match for the current tag, in a list, or *", () => {
    expect(notModified('"x", "abc"', etag)).toBe(true);
    expect(notModified("*", etag)).toBe(true);
    expect(notModified('"x"', etag)).toBe(false);
    expect(notModified(null, etag)).toBe(false);
  });
});
