import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getJobQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { createImport, importFromDirectory } from "@/lib/publications/import/create";
import { getImportReport } from "@/lib/publications/import/report";
import { IMPORT_QUEUE } from "@/lib/publications/import/jobs";
import { stageImportZip } from "@/lib/publications/import/zip";
import { storedFiles } from "@/tests/support/storage-dir";
import { buildEpub, opf } from "@/tests/support/epub";

const exec = promisify(execFile);
const book = (title: string) => buildEpub({ "OEBPS/content.opf": opf({ title }) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "folio-import-test-"));
  await mkdir(join(dir, "books/sub"), { recursive: true });
  await writeFile(join(dir, "books/emma.epub"), await book("Emma"));
  await writeFile(join(dir, "books/sub/persuasion.epub"), await book("Persuasion"));
  await writeFile(join(dir, "books/broken.epub"), "not a zip at all");
  await writeFile(join(dir, "outside.epub"), await book("Outside"));
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });
afterAll(async () => { await stopJobWorkers(); });

const CSV = [
  "file,title,author,price,free,published,shelf",
  "emma.epub,Emma (Annotated),Jane Austen,4.99,no,yes,classics",
  "sub/persuasion.epub,,,0,yes,yes,classics",
  "broken.epub,Broken,Nobody,1,,,",
  "missing.epub,Missing,Nobody,1,,,",
  "../outside.epub,Outside,Nobody,1,,,",
  "emma.epub,Emma again,,1,,,",
  "bad-price.epub,,,-2,,,",
].join("\n");

describe("importing a backlist from a folder", () => {
  it("imports each row, reports every outcome, and skips what is already in the catalog when run again", async () => {
    const seen: string[] = [];
    const id = await importFromDirectory({ csv: CSV, dir: join(dir, "books"), onRow: (r) => seen.push(`${r.line}:${r.status}`) });
    const report = (await getImportReport(id))!;
    expect(report.unknownColumns).toEqual(["shelf"]);
    expect(report.counts).toEqual({ total: 7, pending: 0, imported: 2, skipped: 1, failed: 4 });
    expect(seen).toEqual(["2:IMPORTED", "3:IMPORTED", "4:FAILED", "5:FAILED", "6:FAILED", "7:SKIPPED", "8:FAILED"]);
    const byLine = new Map(report.rows.map((r) => [r.line, r]));
    expect(byLine.get(4)!.reason).toMatch(/not an EPUB/);
    expect(byLine.get(5)!.reason).toBe('The file "missing.epub" is not in the folder.');
    expect(byLine.get(6)!.reason).toMatch(/may not go up out of the folder/);
    expect(byLine.get(7)!.reason).toMatch(/Already in the catalog as \/read\/emma/);
    expect(byLine.get(8)!.reason).toBe("price: The price cannot be negative.");

    const emma = await prisma.publication.findUniqueOrThrow({ where: { slug: "emma" } });
    expect(emma).toMatchObject({ title: "Emma (Annotated)", author: "Jane Austen", priceCents: 499, isFree: false, published: true });
    expect(await prisma.publication.findUniqueOrThrow({ where: { slug: "persuasion" } })).toMatchObject({ isFree: true, published: true, title: "Persuasion" });

    // Running the same import again resumes: nothing is imported twice.
    const again = (await getImportReport(await importFromDirectory({ csv: CSV, dir: join(dir, "books") })))!;
    expect(again.counts).toMatchObject({ imported: 0, skipped: 3, failed: 4 });
    expect(await prisma.publication.count()).toBe(2);
  });

  it("runs as npm run cli -- publications:import with the same report", async () => {
    const csvPath = join(dir, "list.csv");
    await writeFile(csvPath, "\uFEFFfile,title\nemma.epub,Emma\nnope.epub,Nope\n");
    const run = () => exec("npx", ["tsx", "--conditions=react-server", "cli/index.ts", "publications:import", "--csv", csvPath, "--dir", join(dir, "books")], { env: process.env });
    const { stdout } = await run();
    expect(stdout).toMatch(/1 imported, 0 skipped, 1 failed, 0 waiting \(of 2\)/);
    expect(stdout).toMatch(/line 2 {2}emma\.epub: imported as \/read\/emma/);
    expect(stdout).toMatch(/line 3 {2}nope\.epub: failed - The file "nope.epub" is not in the folder\./);
    expect((await run()).stdout).toMatch(/0 imported, 1 skipped, 1 failed/);
  }, 60_000);
});

describe("importing a backlist from a zip in the Control Panel", () => {
  beforeEach(async () => {
    await (await getJobQueue()).clearStorage();
  });

  it("stages the named files, runs a job per row, and reports them", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const zip = new JSZip();
    zip.file("emma.epub", await book("Emma"));
    zip.file("nested/persuasion.epub", await book("Persuasion"));
    zip.file("unlisted.epub", await book("Unlisted"));
    const zipPath = join(dir, "books.zip");
    await writeFile(zipPath, await zip.generateAsync({ type: "nodebuffer" }));
    const { id } = await createImport({ csv: "file,price\nemma.epub,2.50\nnested/persuasion.epub,1\nabsent.epub,1\n", source: "upload", actorUserId: null });
    expect((await getImportReport(id))!.waitingForFiles).toBe(true);

    expect(await stageImportZip({ importId: id, zipPath })).toEqual({ staged: 2, missing: 1 });
    await startJobWorkers({ pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
    let report = (await getImportReport(id))!;
    for (let i = 0; i < 120 && report.counts.pending; i++) {
      await new Promise((r) => setTimeout(r, 500));
      report = (await getImportReport(id))!;
    }
    expect(report.counts).toEqual({ total: 3, pending: 0, imported: 2, skipped: 0, failed: 1 });
    expect(report.rows.map((r) => r.publication?.slug ?? r.reason)).toEqual(["emma", "persuasion", 'The file "absent.epub" is not in the zip.']);
    expect((await prisma.publication.findUniqueOrThrow({ where: { slug: "emma" } })).priceCents).toBe(250);
    // Staged copies are gone once their rows are settled.
    expect(await prisma.publicationImportRow.count({ where: { stagedKey: { not: null } } })).toBe(0);
    // The files cannot be sent twice to the same import.
    expect(await stageImportZip({ importId: id, zipPath }).catch((e: AppError) => e.code)).toBe("CONFLICT");
  }, 90_000);

  it("gives each row to one of two uploads racing for the same import: one staged copy, one job, nothing left over", async () => {
    // Jobs are counted, not run: no worker may take them meanwhile.
    await stopJobWorkers();
    const zipOf = async (names: string[]) => {
      const zip = new JSZip();
      for (const name of names) zip.file(name, await book(name));
      const path = join(dir, `${names.length}-${Math.random().toString(36).slice(2)}.zip`);
      await writeFile(path, await zip.generateAsync({ type: "nodebuffer" }));
      return path;
    };
    const { id } = await createImport({ csv: `file\n${Array.from({ length: 40 }, (_, i) => `b${i}.epub`).join("\n")}\n`, source: "upload", actorUserId: null });
    const names = Array.from({ length: 40 }, (_, i) => `b${i}.epub`);
    const [full, again] = [await zipOf(names), await zipOf(names)];
    const before = storedFiles().length;
    const results = await Promise.allSettled([stageImportZip({ importId: id, zipPath: full }), stageImportZip({ importId: id, zipPath: again })]);
    const staged = results.reduce((n, r) => n + (r.status === "fulfilled" ? r.value.staged : 0), 0);
    expect(staged).toBe(40);
    expect(await (await getJobQueue()).getQueueSize(IMPORT_QUEUE)).toBe(40);
    const rows = await prisma.publicationImportRow.findMany({ where: { importId: id }, select: { status: true, stagedKey: true } });
    expect(rows.every((r) => r.status === "PENDING" && r.stagedKey)).toBe(true);
    expect(new Set(rows.map((r) => r.stagedKey)).size).toBe(40);
    // The losing upload's copies are deleted: only the three staged files remain.
    expect(storedFiles().length - before).toBe(40);
  });

  it("refuses a file that is not a zip", async () => {
    const { id } = await createImport({ csv: "file\na.epub\n", source: "upload", actorUserId: null });
    await writeFile(join(dir, "fake.zip"), "plain text");
    expect(await stageImportZip({ importId: id, zipPath: join(dir, "fake.zip") }).catch((e: AppError) => e.message)).toMatch(/not a zip/);
  });
});

describe("a backlist of EPUBs and PDFs with ISBNs", () => {
  it("imports a PDF row as a PDF, keeps the CSV's ISBN, and skips a later row with the same ISBN", async () => {
    const { buildPdf } = await import("@/tests/support/pdf");
    await writeFile(join(dir, "books/atlas.pdf"), await buildPdf([{ text: "Rivers of the north.", outline: "Rivers" }, { text: "Mountains of the south." }]));
    await writeFile(join(dir, "books/atlas-copy.epub"), await book("Atlas, the EPUB"));
    const csv = [
      "file,title,author,isbn,published",
      "atlas.pdf,An Atlas,Map Maker,978-0-306-40615-7,yes",
      "atlas-copy.epub,,,9780306406157,yes",
    ].join("\n");
    const id = await importFromDirectory({ csv, dir: join(dir, "books") });
    const report = (await getImportReport(id))!;
    expect(report.rows.map((r) => r.status)).toEqual(["IMPORTED", "SKIPPED"]);
    expect(report.rows[1]!.reason).toMatch(/same ISBN/);
    const atlas = await prisma.publication.findFirstOrThrow({ where: { title: "An Atlas" } });
    expect(atlas).toMatchObject({ format: "PDF", pageCount: 2, isbn: "9780306406157", author: "Map Maker", published: true });
    expect(await prisma.publication.count()).toBe(1);
  });
});
