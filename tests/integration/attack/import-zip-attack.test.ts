import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getJobQueue } from "@/lib/jobs/queue";
import { createImport } from "@/lib/publications/import/create";
import { parseImportCsv } from "@/lib/publications/import/csv";
import { stageImportZip } from "@/lib/publications/import/zip";
import { getStorage } from "@/lib/storage";
import { buildEpub } from "@/tests/support/epub";
import { storedFiles } from "@/tests/support/storage-dir";

// Hostile zips and CSVs for the backlist import: names that climb out, links, entries that lie
// about their size, duplicates. Only entries a CSV row names are ever read, and each is staged
// under a name Folio makes, never the entry's.

const work = await mkdtemp(join(tmpdir(), "folio-zip-attack-"));
afterAll(() => rm(work, { recursive: true, force: true }));
beforeEach(async () => { await (await getJobQueue()).clearStorage(); });

async function zipFile(build: (zip: JSZip) => void | Promise<void>): Promise<Buffer> {
  const zip = new JSZip();
  await build(zip);
  return zip.generateAsync({ type: "nodebuffer", platform: "UNIX", compression: "DEFLATE" });
}
const save = async (bytes: Buffer) => {
  const path = join(work, `${Math.random().toString(36).slice(2)}.zip`);
  await writeFile(path, bytes);
  return path;
};

describe("import CSV names", () => {
  it("refuses names that climb out or are absolute, in any spelling", () => {
    const { rows } = parseImportCsv("file\n../x.epub\n/etc/passwd\nC:\\\\x.epub\n\\\\server\\\\x.epub\na/../../x.epub\nsub\\\\..\\\\..\\\\x.epub\nok/x.epub\n");
    expect(rows.map((r) => r.ok)).toEqual([false, false, false, false, false, false, true]);
  });

  it("reads past a byte-order mark and fails a row whose field is too long, with the reason", () => {
    const parsed = parseImportCsv(`\uFEFFfile,title\n=cmd|' /C calc'!A0.epub,"${"x".repeat(25_000)}"\n`);
    expect(parsed.rows[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/longer than/) });
  });
});

describe("hostile zips", () => {
  it("refuses a whole zip holding an entry that climbs out or is absolute, staging nothing", async () => {
    const good = await buildEpub();
    for (const name of ["../../escape.epub", "/abs.epub"]) {
      const bytes = await zipFile((zip) => { zip.file("fine.epub", good); zip.file(name, good); });
      const { id } = await createImport({ csv: "file\nfine.epub\n", source: "upload", actorUserId: null });
      const before = storedFiles().length;
      expect(await stageImportZip({ importId: id, zipPath: await save(bytes) }).catch((e: AppError) => e.code)).toBe("BAD_INPUT");
      expect(storedFiles().length).toBe(before);
      expect(await prisma.publicationImportRow.findFirstOrThrow({ where: { importId: id } })).toMatchObject({ status: "PENDING", stagedKey: null });
    }
  });

  it("stages only named entries under Folio's own names: a link is its text, never followed", async () => {
    const good = await buildEpub();
    const bytes = await zipFile((zip) => {
      zip.file("link.epub", "/etc/passwd", { unixPermissions: 0o120777 });
      zip.file("real.epub", good);
      zip.file("unnamed.epub", good);
    });
    const { id } = await createImport({ csv: "file\nlink.epub\nreal.epub\nreal.epub\nmissing.epub\n", source: "upload", actorUserId: null });
    const before = new Set(storedFiles());
    expect(await stageImportZip({ importId: id, zipPath: await save(bytes) })).toEqual({ staged: 2, missing: 1 });
    const added = storedFiles().filter((f) => !before.has(f));
    expect(added.every((f) => /^imports\/[^/]+\/[0-9a-f-]{36}\/\d+\.epub$/.test(f))).toBe(true);
    // The link is staged as its text (its target's name), not followed.
    const row = await prisma.publicationImportRow.findFirstOrThrow({ where: { importId: id, file: "link.epub" } });
    const stored = await getStorage().get(row.stagedKey!);
    const chunks: Buffer[] = [];
    for await (const c of stored!.body) chunks.push(Buffer.from(c as Uint8Array));
    expect(Buffer.concat(chunks).toString()).toBe("/etc/passwd");
    expect(added).toHaveLength(2);
  });

  it("refuses an entry that inflates to more than it declares, and keeps nothing of the zip", async () => {
    const bytes = await zipFile((zip) => { zip.file("bomb.epub", Buffer.alloc(2 * 1024 * 1024, 0)); });
    // Make the headers claim 1,000 bytes (local header offset 22, central directory record offset 24).
    const patched = Buffer.from(bytes);
    patched.writeUInt32LE(1000, 22);
    const central = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    patched.writeUInt32LE(1000, central + 24);
    const { id } = await createImport({ csv: "file\nbomb.epub\n", source: "upload", actorUserId: null });
    const before = storedFiles().length;
    const error = await stageImportZip({ importId: id, zipPath: await save(patched) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_INPUT");
    expect(storedFiles().length).toBe(before);
    expect(await prisma.publicationImportRow.count({ where: { importId: id, stagedKey: { not: null } } })).toBe(0);
  });
});
