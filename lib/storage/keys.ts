import type { ByteRange } from "./types";

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/**
 * Refuses keys that could leave the directory or name something odd in a bucket; keys are
 * Folio's own (lib/storage/index.ts), so this never fires in use.
 */
export function checkKey(key: string): string {
  if (key.length > 512 || !KEY.test(key) || key.includes("..")) throw new Error(`Bad storage key: ${JSON.stringify(key)}`);
  return key;
}

/** A range must be whole numbers with start ≤ end; the caller (an HTTP Range parser) makes sure. */
export function checkRange(range: ByteRange): ByteRange {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new Error(`Bad byte range: ${JSON.stringify(range)}`);
  }
  return range;
}

/**
 * A range that starts at or past the end of the object (HTTP 416). `size` is the object's, for
 * the `Content-Range: bytes *\/size` answer.
 */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly size: number) {
    super(`The range starts past the end of the object (${size} bytes).`);
    this.name = "RangeNotSatisfiableError";
  }
}
