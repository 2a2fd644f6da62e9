import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadImage } from "@napi-rs/canvas";
import PDFDocument from "pdfkit";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_PDF_LIMITS } from "@/lib/publications/pdf/limits";
import { deletePublication } from "@/lib/publications/manage";
import { ingestPdfFile } from "@/lib/publications/pdf/ingest-pdf";
import { byteBuiltPdf, claimedPagesPdf, manyPagesPdf, pagesPdf, scriptedPdf, smallPdf, twoPagePdf, xmpPdf } from "@/tests/support/pdf-books";
import { clearStoredFiles, storedFilePath, storedFiles } from "@/tests/support/storage-dir";

// PDF ingestion (docs/decisions/0026) on real PDFs: made by pdfkit, or built byte by byte for
// the hostile cases no generator writes. Every refusal leaves no row and no stored file.

beforeEach(() => clearStoredFiles());

const work = await mkdtemp(join(tmpdir(), "folio-pdf-test-"));
afterAll(() => rm(work, { recursive: true, force: true }));
let n = 0;
async function fileOf(bytes: Uint8Array): Promise<string> {
  const path = join(work, `${++n}.pdf`);
  await writeFile(path, bytes);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("BAD_INPUT");
  expect((error as AppError).fields?.file).toBe((error as AppError).message);
  return error as AppError;
}

async function expectNothingStored() {
  expect(await prisma.publication.count()).toBe(0);
  expect(await prisma.chapter.count()).toBe(0);
  expect(await prisma.publicationAsset.count()).toBe(0);
  expect(await prisma.publicationFile.count()).toBe(0);
  expect(storedFiles()).toEqual([]);
}

describe("ingestPdfFile", () => {
  it("stores a multi-page PDF with its outline: title, author, pages as chapters, text, cover and the file in storage", async () => {
    const bytes = await smallPdf();
    const result = await ingestPdfFile({ path: await fileOf(bytes), priceCents: 300 });
    expect(result).toMatchObject({ slug: "a-small-handbook", title: "A Small Handbook", author: "Ada Writer", pageCount: 4, coverPath: "cover.webp" });

    const stored = await prisma.publication.findUniqueOrThrow({
      where: { id: result.id },
      include: { file: true, chapters: { orderBy: { index: "asc" } }, assets: true },
    });
    expect(stored).toMatchObject({ format: "PDF", pageCount: 4, startChapter: 0, priceCents: 300, published: false, fileSize: bytes.length });
    // The outline, each entry on its page (page 1 is the title page).
    expect(stored.toc).toEqual([
      { title: "Beginnings", chapterIndex: 1 },
      { title: "Middles", chapterIndex: 2, children: [{ title: "Arches", chapterIndex: 2 }] },
      { title: "Endings", chapterIndex: 3 },
    ]);
    expect(stored.chapters.map((c) => [c.index, c.title, c.href])).toEqual([
      [0, "Page 1", "page-1"],
      [1, "Beginnings", "page-2"],
      [2, "Middles", "page-3"],
      [3, "Endings", "page-4"],
    ]);
    // Text per page, escaped the way the chapter sanitizer escapes, in paragraphs.
    const [, beginnings, middles] = stored.chapters;
    expect(beginnings!.html).toContain("<p>The first chapter opens with a sentence about rivers &amp; &lt;tags&gt;.</p>");
    expect(beginnings!.html).toContain("<p>It's a second paragraph, with an apostrophe.</p>");
    expect(middles!.html).toMatch(/<p>Arches<\/p>\s*<p>Stone arches carry weight sideways\.<\/p>/);
    expect(beginnings!.wordCount).toBe(18);
    expect(stored.chapters[0]!.html).toContain("A Small Handbook");

    // The cover: page 1 drawn 600 px wide, as WebP.
    const [cover] = stored.assets;
    expect(cover).toMatchObject({ path: "cover.webp", mediaType: "image/webp" });
    expect(Buffer.from(cover!.data).subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(Buffer.from(cover!.data).subarray(8, 12).toString("latin1")).toBe("WEBP");
    const image = await loadImage(Buffer.from(cover!.data));
    expect(image.width).toBe(DEFAULT_PDF_LIMITS.coverWidth);
    expect(image.height).toBe(Math.floor((600 / 419.53) * 595.28)); // A5, 600 px wide

    // The file, byte for byte, in storage under its content-addressed key.
    expect(stored.file).toMatchObject({ mediaType: "application/pdf", size: bytes.length, data: null });
    expect(stored.file!.storageKey).toBe(`publications/${result.id}/${stored.file!.sha256}.pdf`);
    expect(storedFiles()).toEqual([stored.file!.storageKey]);
    expect(Buffer.compare(await readFile(storedFilePath(stored.file!.storageKey!)), bytes)).toBe(0);
  });

  it("takes the title from the file name when the PDF names none", async () => {
    const doc = new PDFDocument({ size: "A6", info: {} });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => doc.on("end", r));
    doc.text("No title here.");
    doc.end();
    await ended;
    const result = await ingestPdfFile({ path: await fileOf(Buffer.concat(chunks)), fileName: "Field_Notes on Moss.pdf" });
    expect(result).toMatchObject({ title: "Field Notes on Moss", author: "Unknown author", slug: "field-notes-on-moss", pageCount: 1 });
  });

  it("reads title and author from the Info dictionary, else from the XMP metadata", async () => {
    const xmp = await ingestPdfFile({ path: await fileOf(xmpPdf(false)), fileName: "ignored.pdf" });
    expect(xmp).toMatchObject({ title: "Botany from the Metadata", author: "Ann Fern & Bo Sedge", slug: "botany-from-the-metadata" });
    const info = await ingestPdfFile({ path: await fileOf(xmpPdf(true)), fileName: "ignored.pdf" });
    expect(info).toMatchObject({ title: "Info Title", author: "Info Author" });
  });

  it("ingests a PDF with JavaScript actions without running any of it", async () => {
    const marker = join(work, "script-ran");
    const result = await ingestPdfFile({ path: await fileOf(await scriptedPdf(marker)) });
    expect(result.pageCount).toBe(1);
    expect(existsSync(marker)).toBe(false);
    const [page] = await prisma.chapter.findMany({ where: { publicationId: result.id } });
    expect(page!.html).toBe("<p>A page with scripts attached.</p>");
  });

  it("recovers a PDF whose cross-reference table is wrong or missing", async () => {
    for (const xref of ["wrong-offsets", "missing"] as const) {
      const result = await ingestPdfFile({ path: await fileOf(twoPagePdf(xref)), slug: `recovered-${xref}`, fileName: "recovered.pdf" });
      const pages = await prisma.chapter.findMany({ where: { publicationId: result.id }, orderBy: { index: "asc" } });
      expect(pages.map((p) => p.html)).toEqual(["<p>Recovered first page</p>", "<p>Recovered second page</p>"]);
    }
  });

  it("refuses a file damaged beyond repair, and one that is not a PDF, leaving nothing", async () => {
    const garbage = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4096, "x"), Buffer.from("\n%%EOF\n")]);
    expect((await refusal(ingestPdfFile({ path: await fileOf(garbage) }))).message).toMatch(/damaged and could not be read/);
    expect((await refusal(ingestPdfFile({ path: await fileOf(Buffer.from("PK\u0003\u0004 an epub")) }))).message).toMatch(/not a PDF/);
    await expectNothingStored();
  });

  it("refuses a PDF over the page limit before reading its pages", async () => {
    const huge = await refusal(ingestPdfFile({ path: await fileOf(manyPagesPdf(5_001)) }));
    expect(huge.message).toBe("This PDF has 5,001 pages; Folio accepts at most 5,000.");
    const real = await refusal(ingestPdfFile({ path: await fileOf(await pagesPdf(4)) }, { limits: { ...DEFAULT_PDF_LIMITS, maxPages: 3 } }));
    expect(real.message).toBe("This PDF has 4 pages; Folio accepts at most 3.");
    await expectNothingStored();
  });

  it("counts the pages a PDF has, not the number it claims", async () => {
    const result = await ingestPdfFile({ path: await fileOf(claimedPagesPdf(2_000_000)), fileName: "claims.pdf" });
    expect(result.pageCount).toBe(1);
    expect(await prisma.chapter.count()).toBe(1);
  });

  it("refuses a password-protected PDF and one encrypted with restrictions", async () => {
    const locked = await pagesPdf(1, { userPassword: "open sesame", ownerPassword: "owner" });
    expect((await refusal(ingestPdfFile({ path: await fileOf(locked) }))).message).toMatch(/protected by a password/);
    const restricted = await pagesPdf(1, { ownerPassword: "owner", permissions: { printing: "lowResolution", copying: false } });
    expect((await refusal(ingestPdfFile({ path: await fileOf(restricted) }))).message).toMatch(/is encrypted/);
    await expectNothingStored();
  });

  it("stops the parse worker past the time limit and stores nothing", async () => {
    const slow = await refusal(ingestPdfFile({ path: await fileOf(await pagesPdf(40)) }, { limits: { ...DEFAULT_PDF_LIMITS, maxProcessingMs: 1 } }));
    expect(slow.message).toMatch(/^This PDF took too long to read/);
    await expectNothingStored();
  });

  it("removes the stored file when the publication is deleted", async () => {
    const { id } = await ingestPdfFile({ path: await fileOf(await smallPdf()) });
    expect(storedFiles()).toHaveLength(1);
    await deletePublication({ id });
    expect(storedFiles()).toEqual([]);
    expect(await prisma.chapter.count()).toBe(0);
  });

  it("answers a second upload under the same address with a conflict, keeping only the first file", async () => {
    const first = await ingestPdfFile({ path: await fileOf(await smallPdf()) });
    const error = await ingestPdfFile({ path: await fileOf(await smallPdf()) }).then(() => null, (e: unknown) => e);
    expect((error as AppError).code).toBe("CONFLICT");
    expect(await prisma.publication.count()).toBe(1);
    const file = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: first.id } });
    expect(storedFiles()).toEqual([file.storageKey]);
  });
});

describe("ingestPdfFile against text amplification", () => {
  /** `pages` pages that all draw one content stream holding `lines` long lines of text: a small file, much text. */
  function sharedDenseStreamPdf(pages: number, lines: number): Buffer {
    const line = "Amplified text that every page of this file repeats again and again";
    const content = Array.from({ length: lines }, (_, i) => `BT /F1 6 Tf 10 ${10 + (i % 180)} Td (${line} ${i}) Tj ET`).join("\n");
    const kids = Array.from({ length: pages }, (_, i) => `${5 + i} 0 R`).join(" ");
    const page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>";
    return byteBuiltPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
      `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      ...Array.from({ length: pages }, () => page),
    ]);
  }

  it("refuses a file whose pages share one dense content stream once the book's text passes the total cap, storing nothing", async () => {
    const bytes = sharedDenseStreamPdf(40, 400);
    expect(bytes.length).toBeLessThan(60_000);
    const error = await refusal(ingestPdfFile({ path: await fileOf(bytes) }, { limits: { ...DEFAULT_PDF_LIMITS, maxTotalChars: 200_000 } }));
    expect(error.message).toMatch(/more than 200,000 characters of text/);
    await expectNothingStored();
  });
});

describe("ingestPdfFile against a decompression bomb", () => {
  /** One page whose content stream is `mb` megabytes of spaces, deflated to a few hundred kilobytes. */
  async function bombPdf(mb: number): Promise<Buffer> {
    const { createDeflate } = await import("node:zlib");
    const deflate = createDeflate({ level: 9 });
    const parts: Buffer[] = [];
    deflate.on("data", (d: Buffer) => parts.push(d));
    const ended = new Promise((resolve) => deflate.on("end", resolve));
    const block = Buffer.alloc(16 * 1024 * 1024, 0x20);
    for (let i = 0; i < mb / 16; i++) await new Promise((resolve) => deflate.write(block, resolve));
    deflate.end();
    await ended;
    const stream = Buffer.concat(parts);
    const pdf = byteBuiltPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
      `<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream.toString("latin1")}\nendstream`,
    ]);
    return pdf;
  }

  it("stops the worker once the process's memory grows past the cap (the heap limit does not see decoded streams), storing nothing", async () => {
    const bytes = await bombPdf(768);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const error = await refusal(ingestPdfFile({ path: await fileOf(bytes) }, { limits: { ...DEFAULT_PDF_LIMITS, maxProcessGrowthMb: 300 } }));
    expect(error.message).toMatch(/more than 300 MB of memory/);
    await expectNothingStored();
  }, 120_000);
});
