import type { Readable } from "node:stream";

// Where book files live (docs/decisions/0027): a directory by default, or an S3-compatible object
// store so that several app instances serve the same files. Keys are Folio's own
// (`publications/<id>/<sha256>.<ext>`), never a name from outside. Access checks stay in Folio:
// nothing here hands out a public URL.

/** Inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export type ByteRange = { start: number; end: number };

export type StoredObject = {
  /** The bytes asked for: the whole object, or only the range. */
  body: Readable;
  /** Size of the whole object. */
  size: number;
  /** Bytes in `body`. */
  contentLength: number;
  range?: ByteRange;
};

export interface Storage {
  readonly kind: "directory" | "s3";
  /** Stores a local file under `key` (streamed, never whole in memory); replaces any object there. */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  /** Stores bytes already in memory (small things: covers, thumbnails). */
  putBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /**
   * Reads the object, or `range` of it (an end past the object is cut to its last byte); null
   * when there is no such object. A range starting at or past the end throws
   * RangeNotSatisfiableError (lib/storage/keys.ts) carrying the object's size.
   */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Size of the object, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Deletes the object; no error when it is already gone. */
  delete(key: string): Promise<void>;
}
