import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { ingestPublication, ingestPublicationFile } from "@/lib/publications/ingest";
import { deletePublication } from "@/lib/publications/manage";
import { getStorage, publicationFileKey } from "@/lib/storage";
import { s3Storage } from "@/lib/storage/s3";
import { buildEpub } from "@/tests/support/epub";
import { startS3Server, type S3TestServer } from "@/tests/support/s3-server";

// Book files go to the storage backend (STORAGE_DIR: a fresh directory per test run, see
// vitest.config.ts), never into Postgres; a failure on either side leaves nothing behind.

async function read(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Every file under STORAGE_DIR, as keys. */
async function storedKeys(): Promise<string[]> {
  const root = env.STORAGE_DIR;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();
}

async function storedBytes(key: string): Promise<Buffer | null> {
  const object = await getStorage().get(key);
  return object ? read(object.body) : null;
}

/** A publication as it was before the storage backend: its file's bytes in PublicationFile.data. */
async function createLegacyPublication(slug: string, bytes: Buffer, mediaType = "application/epub+zip") {
  return prisma.publication.create({
    data: {
      slug, title: slug, author: "Someone", fileSize: bytes.length,
      file: { create: { data: new Uint8Array(bytes), sha256: sha(bytes), size: bytes.length, mediaType } },
    },
  });
}

describe("ingestion stores the file in the storage backend", () => {
  it("records the key, size, media type and sha256, with no bytes in the database", async () => {
    const epub = await buildEpub();
    const { id } = await ingestPublication({ data: epub });
    const file = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
    expect(file).toMatchObject({ data: null, size: epub.length, mediaType: "application/epub+zip", sha256: sha(epub) });
    expect(file.storageKey).toBe(publicationFileKey(id, sha(epub), "epub"));
    expect((await storedBytes(file.storageKey!))!.equals(Buffer.from(epub))).toBe(true);
  });

  it("streams an uploaded file from its temporary path", async () => {
    const epub = await buildEpub();
    const dir = await mkdtemp(join(tmpdir(), "folio-upload-"));
    try {
      await writeFile(join(dir, "upload.epub"), epub);
      const { id } = await ingestPublicationFile({ path: join(dir, "upload.epub"), slug: "from-disk" });
      const file = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
      expect((await storedBytes(file.storageKey!))!.equals(Buffer.from(epub))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("deletes the stored file again when the database write fails after it was stored", async () => {
    const before = await storedKeys();
    // A real failure inside the ingestion transaction, after the file went to storage.
    await prisma.$executeRawUnsafe(`create or replace function test_refuse_chapter() returns trigger language plpgsql as $$ begin raise exception 'chapter refused by test'; end $$`);
    await prisma.$executeRawUnsafe(`create trigger test_refuse_chapter before insert on "Chapter" for each statement execute function test_refuse_chapter()`);
    try {
      await expect(ingestPublication({ data: await buildEpub() })).rejects.toThrow(/chapter refused by test/);
    } finally {
      await prisma.$executeRawUnsafe(`drop trigger test_refuse_chapter on "Chapter"`);
      await prisma.$executeRawUnsafe(`drop function test_refuse_chapter()`);
    }
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.publicationFile.count()).toBe(0);
    expect(await storedKeys()).toEqual(before);
  });

  it("writes no row when the file cannot be stored", async () => {
    // `publications` made a plain file: the directory backend cannot create the book's folder.
    const place = join(env.STORAGE_DIR, "publications");
    await mkdir(place, { recursive: true });
    await rename(place, `${place}.aside`);
    await writeFile(place, "in the way");
    try {
      await expect(ingestPublication({ data: await buildEpub() })).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
    } finally {
      await rm(place, { force: true });
      await rename(`${place}.aside`, place);
    }
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.publicationFile.count()).toBe(0);
  });
});

describe("deleting a publication", () => {
  it("deletes its stored file after the row", async () => {
    const { id } = await ingestPublication({ data: await buildEpub() });
    const { storageKey } = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
    expect(await getStorage().size(storageKey!)).toBeGreaterThan(0);
    await deletePublication({ id, confirm: true });
    expect(await prisma.publication.count()).toBe(0);
    expect(await getStorage().size(storageKey!)).toBeNull();
  });

  it("still deletes the publication when the store cannot delete the file, and says so", async () => {
    const { id } = await ingestPublication({ data: await buildEpub() });
    const { storageKey } = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
    // A non-empty directory where the file was: the directory backend's delete fails.
    const path = join(env.STORAGE_DIR, storageKey!);
    await rm(path);
    await mkdir(join(path, "inside"), { recursive: true });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await deletePublication({ id, confirm: true });
    } finally {
      await rm(path, { recursive: true, force: true });
    }
    expect(await prisma.publication.count()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`could not delete ${storageKey}`));
  });
});

describe("moving files kept in the database to storage", () => {
  it("moves each file (in chunks), clears its bytes, and finds nothing to do the second time", async () => {
    const small = randomBytes(3000);
    const large = randomBytes(9 * 1024 * 1024 + 17); // three 4 MiB chunks
    const a = await createLegacyPublication("legacy-small", small);
    const b = await createLegacyPublication("legacy-large", large);
    const c = await createLegacyPublication("legacy-pdf", randomBytes(100), "application/pdf");

    const first = await (await import("@/lib/publications/move-files-to-storage")).moveFilesToStorage();
    expect(first).toEqual({ moved: 3, bytes: small.length + large.length + 100, remaining: 0 });

    for (const [id, bytes] of [[a.id, small], [b.id, large]] as const) {
      const file = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
      expect(file).toMatchObject({ data: null, size: bytes.length, sha256: sha(bytes), storageKey: publicationFileKey(id, sha(bytes), "epub") });
      expect(sha((await storedBytes(file.storageKey!))!)).toBe(sha(bytes));
    }
    expect((await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: c.id } })).storageKey).toMatch(/\.pdf$/);

    const again = await (await import("@/lib/publications/move-files-to-storage")).moveFilesToStorage();
    expect(again).toEqual({ moved: 0, bytes: 0, remaining: 0 });
  });

  it("resumes after a failure: the row whose file could not be stored keeps its bytes, and the next run moves it", async () => {
    const { moveFilesToStorage } = await import("@/lib/publications/move-files-to-storage");
    const one = randomBytes(500);
    const two = randomBytes(700);
    await createLegacyPublication("legacy-one", one);
    await createLegacyPublication("legacy-two", two);
    const real = getStorage();
    // A store that goes away after the first file (as a full disk or a network outage would).
    let puts = 0;
    const failing = { ...real, putFile: async (key: string, path: string, type: string) => {
      if (++puts > 1) throw new Error("store unavailable");
      return real.putFile(key, path, type);
    } };
    await expect(moveFilesToStorage({ storage: failing })).rejects.toThrow("store unavailable");
    const rows = await prisma.publicationFile.findMany({ orderBy: { publicationId: "asc" } });
    expect(rows.filter((r) => r.storageKey).length).toBe(1);
    const left = rows.find((r) => !r.storageKey)!;
    expect(left.data).not.toBeNull();

    expect(await moveFilesToStorage()).toMatchObject({ moved: 1, remaining: 0 });
    const after = await prisma.publicationFile.findMany();
    expect(after.every((r) => r.storageKey && r.data === null)).toBe(true);
    const contents = await Promise.all(after.map(async (r) => sha((await storedBytes(r.storageKey!))!)));
    expect(contents.sort()).toEqual([sha(one), sha(two)].sort());
  });

  describe("to an S3-compatible store", () => {
    let server: S3TestServer;
    beforeAll(async () => {
      server = await startS3Server();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("moves the files into the bucket", async () => {
      const { moveFilesToStorage } = await import("@/lib/publications/move-files-to-storage");
      const storage = s3Storage({ bucket: server.bucket, region: "us-east-1", endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true });
      const bytes = randomBytes(6 * 1024 * 1024);
      const { id } = await createLegacyPublication("legacy-s3", bytes);
      expect(await moveFilesToStorage({ storage })).toMatchObject({ moved: 1, remaining: 0 });
      const { storageKey } = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
      const object = await storage.get(storageKey!, { start: 1000, end: 1999 });
      expect((await read(object!.body)).equals(bytes.subarray(1000, 2000))).toBe(true);
      expect(object!.size).toBe(bytes.length);
    });
  });
});
