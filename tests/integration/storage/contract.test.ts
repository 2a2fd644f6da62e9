import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directoryStorage } from "@/lib/storage/directory";
import { RangeNotSatisfiableError } from "@/lib/storage/keys";
import { s3Storage } from "@/lib/storage/s3";
import type { Storage } from "@/lib/storage/types";
import { startS3Server, type S3TestServer } from "@/tests/support/s3-server";

// One contract, both backends: what lib/storage promises holds for the directory and for an
// S3-compatible store (a real S3-protocol server on a free port, tests/support/s3-server.ts).

async function read(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

type Backend = { name: string; open: () => Promise<{ storage: Storage; close: () => Promise<void> }> };

const backends: Backend[] = [
  {
    name: "directory",
    async open() {
      const root = await mkdtemp(join(tmpdir(), "folio-storage-contract-"));
      return { storage: directoryStorage(root), close: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: "s3",
    async open() {
      const server: S3TestServer = await startS3Server();
      const storage = s3Storage({
        bucket: server.bucket,
        region: "us-east-1",
        endpoint: server.endpoint,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        forcePathStyle: true,
        // The smallest part S3 allows, so an 11 MiB file goes up in three parts.
        partSize: 5 * 1024 * 1024,
      });
      return { storage, close: server.stop };
    },
  },
];

describe.each(backends)("storage contract: $name", (backend) => {
  let storage: Storage;
  let close: () => Promise<void>;
  let scratch: string;

  beforeAll(async () => {
    ({ storage, close } = await backend.open());
    scratch = await mkdtemp(join(tmpdir(), "folio-storage-source-"));
  });
  afterAll(async () => {
    await close?.();
    await rm(scratch, { recursive: true, force: true });
  });

  it("survives concurrent writes of one key: every write succeeds and the object is one of them, whole", async () => {
    const versions = Array.from({ length: 12 }, (_, i) => Buffer.alloc(64 * 1024 + i, i + 1));
    await Promise.all(versions.map((bytes) => storage.putBytes("covers/race/same-key.webp", bytes, "image/webp")));
    const got = await storage.get("covers/race/same-key.webp");
    const body = await read(got!.body);
    expect(versions.some((v) => v.equals(body))).toBe(true);
  });

  it("stores bytes and reads them back whole, with their size", async () => {
    const bytes = randomBytes(1000);
    await storage.putBytes("publications/p1/small.bin", bytes, "application/octet-stream");
    const got = await storage.get("publications/p1/small.bin");
    expect(got).toMatchObject({ size: 1000, contentLength: 1000 });
    expect(got!.range).toBeUndefined();
    expect((await read(got!.body)).equals(bytes)).toBe(true);
    expect(await storage.size("publications/p1/small.bin")).toBe(1000);
  });

  it("stores a file from disk (in several parts on S3) and reads back the same bytes", async () => {
    const bytes = randomBytes(11 * 1024 * 1024 + 123);
    const source = join(scratch, "large.epub");
    await writeFile(source, bytes);
    await storage.putFile("publications/p2/large.epub", source, "application/epub+zip");
    expect(await storage.size("publications/p2/large.epub")).toBe(bytes.length);
    const got = await storage.get("publications/p2/large.epub");
    expect(got!.size).toBe(bytes.length);
    expect(sha(await read(got!.body))).toBe(sha(bytes));
  });

  it("reads a byte range, cutting an end past the object to its last byte", async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await storage.putBytes("publications/p3/range.bin", bytes, "application/octet-stream");

    const middle = await storage.get("publications/p3/range.bin", { start: 10, end: 19 });
    expect(middle).toMatchObject({ size: 256, contentLength: 10, range: { start: 10, end: 19 } });
    expect((await read(middle!.body)).equals(bytes.subarray(10, 20))).toBe(true);

    // (Not bytes=0-0: the test S3 server answers that one with the whole object.)
    const one = await storage.get("publications/p3/range.bin", { start: 5, end: 5 });
    expect(one).toMatchObject({ contentLength: 1, range: { start: 5, end: 5 } });
    expect([...(await read(one!.body))]).toEqual([5]);

    const head = await storage.get("publications/p3/range.bin", { start: 0, end: 99 });
    expect(head).toMatchObject({ contentLength: 100, range: { start: 0, end: 99 } });
    expect((await read(head!.body)).equals(bytes.subarray(0, 100))).toBe(true);

    const tail = await storage.get("publications/p3/range.bin", { start: 250, end: 10_000 });
    expect(tail).toMatchObject({ size: 256, contentLength: 6, range: { start: 250, end: 255 } });
    expect((await read(tail!.body)).equals(bytes.subarray(250))).toBe(true);
  });

  it("refuses a range starting past the end with the object's size, and a malformed range", async () => {
    await storage.putBytes("publications/p4/range.bin", randomBytes(100), "application/octet-stream");
    const error = await storage.get("publications/p4/range.bin", { start: 100, end: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeNotSatisfiableError);
    expect((error as RangeNotSatisfiableError).size).toBe(100);
    await expect(storage.get("publications/p4/range.bin", { start: 5, end: 4 })).rejects.toThrow(/Bad byte range/);
    await expect(storage.get("publications/p4/range.bin", { start: -1, end: 4 })).rejects.toThrow(/Bad byte range/);
  });

  it("replaces an object stored again under the same key", async () => {
    await storage.putBytes("publications/p5/book.epub", Buffer.from("first version"), "application/epub+zip");
    const source = join(scratch, "second.epub");
    await writeFile(source, "second, longer version");
    await storage.putFile("publications/p5/book.epub", source, "application/epub+zip");
    const got = await storage.get("publications/p5/book.epub");
    expect((await read(got!.body)).toString()).toBe("second, longer version");
    expect(await storage.size("publications/p5/book.epub")).toBe(22);
  });

  it("deletes an object, and deleting it again is no error", async () => {
    await storage.putBytes("publications/p6/gone.bin", randomBytes(10), "application/octet-stream");
    await storage.delete("publications/p6/gone.bin");
    expect(await storage.get("publications/p6/gone.bin")).toBeNull();
    expect(await storage.size("publications/p6/gone.bin")).toBeNull();
    await storage.delete("publications/p6/gone.bin");
  });

  it("answers a missing key with null, with or without a range", async () => {
    expect(await storage.get("publications/none/missing.epub")).toBeNull();
    expect(await storage.get("publications/none/missing.epub", { start: 0, end: 9 })).toBeNull();
    expect(await storage.size("publications/none/missing.epub")).toBeNull();
  });

  it("stores an empty object", async () => {
    await storage.putBytes("publications/p7/empty.bin", new Uint8Array(0), "application/octet-stream");
    expect(await storage.size("publications/p7/empty.bin")).toBe(0);
    const got = await storage.get("publications/p7/empty.bin");
    expect(got).toMatchObject({ size: 0, contentLength: 0 });
    expect((await read(got!.body)).length).toBe(0);
  });

  it("refuses keys that could name something outside its place, for every operation", async () => {
    for (const key of ["../escape.epub", "publications/../../etc/passwd", "/absolute.epub", "a//b.epub", "", "publications/p1/", "with space.epub", "dot/.hidden"]) {
      await expect(storage.putBytes(key, randomBytes(4), "application/octet-stream"), key).rejects.toThrow(/Bad storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/Bad storage key/);
      await expect(storage.size(key), key).rejects.toThrow(/Bad storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/Bad storage key/);
    }
  });

  it("fails a put from a missing file and leaves no object behind", async () => {
    await expect(storage.putFile("publications/p8/book.epub", join(scratch, "does-not-exist.epub"), "application/epub+zip")).rejects.toThrow();
    expect(await storage.size("publications/p8/book.epub")).toBeNull();
  });
});

describe("S3 backend against a store that refuses its credentials", () => {
  it("fails with the store's error instead of answering as if the object were missing", async () => {
    const server = await startS3Server();
    try {
      const storage = s3Storage({ bucket: server.bucket, region: "us-east-1", endpoint: server.endpoint, accessKeyId: "S3RVER", secretAccessKey: "wrong-secret", forcePathStyle: true });
      await expect(storage.putBytes("publications/x/a.bin", randomBytes(4), "application/octet-stream")).rejects.toThrow(/signature/i);
      await expect(storage.get("publications/x/a.bin")).rejects.toThrow(/signature/i);
    } finally {
      await server.stop();
    }
  });
});
