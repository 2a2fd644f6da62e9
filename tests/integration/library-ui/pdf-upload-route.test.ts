import "./helpers";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST } from "@/app/api/admin/publications/route";
import { getPublicationForAdmin } from "@/lib/publications/admin-detail";
import { MAX_PDF_UPLOAD_BYTES, MAX_UPLOAD_BYTES } from "@/lib/publications/upload";
import { createAdminUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { buildEpub } from "@/tests/support/epub";
import { streamingPost } from "@/tests/support/counting-body";
import { pagesPdf, smallPdf } from "@/tests/support/pdf-books";
import { clearStoredFiles, storedFiles } from "@/tests/support/storage-dir";

// POST /api/admin/publications with a PDF: the same endpoint as an EPUB, told apart by the
// file's first bytes; PDFs have their own size limit and go to ingestPdfFile.

const ctx = { params: Promise.resolve({}) };
const URL_ = "http://localhost:3000/api/admin/publications";

async function upload(body: Uint8Array, type: string, query = "") {
  const response = await POST(new Request(`${URL_}?${query}`, { method: "POST", headers: { "content-type": type }, body: new Uint8Array(body) }), ctx);
  return { status: response.status, body: await response.json() };
}

const leftovers = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(`folio-upload-${process.pid}-`));

beforeEach(() => clearStoredFiles());

describe("POST /api/admin/publications with a PDF", () => {
  it("stores a PDF sent as application/pdf, with the outline and page count the admin page shows", async () => {
    await signInAs(await createAdminUser());
    const answer = await upload(await smallPdf(), "application/pdf");
    expect(answer.status).toBe(201);
    const detail = await getPublicationForAdmin(answer.body.id);
    expect(detail).toMatchObject({ slug: "a-small-handbook", format: "PDF", pageCount: 4, hasCover: true });
    expect(detail!.toc.map((e) => [e.title, e.chapterIndex])).toEqual([["Beginnings", 1], ["Middles", 2], ["Endings", 3]]);
    // The book file, beside the thumbnails of the cover drawn from page 1.
    const stored = storedFiles();
    expect(stored.filter((key) => key.startsWith("publications/"))).toHaveLength(1);
    const others = stored.filter((key) => !key.startsWith("publications/"));
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((key) => key.startsWith("covers/"))).toBe(true);
    expect(await leftovers()).toEqual([]);
  });

  it("knows a PDF by its bytes when it is sent as application/octet-stream, and uses the file name for a missing title", async () => {
    await signInAs(await createAdminUser());
    const answer = await upload(await pagesPdf(3, { info: {} }), "application/octet-stream", "name=Lecture%20Notes.pdf");
    expect(answer.status).toBe(201);
    expect(await prisma.publication.findUniqueOrThrow({ where: { id: answer.body.id }, select: { title: true, format: true } })).toEqual({ title: "Lecture Notes", format: "PDF" });
  });

  it("refuses a body sent as application/pdf that is not one, and a damaged or locked PDF, with the reason on the file field", async () => {
    await signInAs(await createAdminUser());
    const epub = await upload(await buildEpub(), "application/pdf");
    expect(epub).toMatchObject({ status: 422, body: { error: { fields: { file: expect.stringMatching(/not a PDF/) } } } });
    const locked = await upload(await pagesPdf(1, { userPassword: "pw" }), "application/pdf");
    expect(locked).toMatchObject({ status: 422, body: { error: { fields: { file: expect.stringMatching(/protected by a password/) } } } });
    const empty = await upload(new Uint8Array(), "application/pdf");
    expect(empty.body.error.fields).toEqual({ file: "Choose a PDF file to upload." });
    expect(await prisma.publication.count()).toBe(0);
    expect(storedFiles()).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it("gives a PDF the 320 MB limit and keeps an EPUB sent without a type to its own", async () => {
    await signInAs(await createAdminUser());
    const declared = streamingPost(URL_, 1024, { "content-type": "application/pdf", "content-length": String(MAX_PDF_UPLOAD_BYTES + 1) });
    const early = await POST(declared.request, ctx);
    expect(early.status).toBe(413);
    expect((await early.json()).error.fields.file).toBe("That file is larger than 320 MB, the most Folio accepts for a PDF.");
    expect(declared.pulled()).toBe(0);
    // Not a PDF (the counting body is all "a"), so past 50 MB it stops as an EPUB would.
    const untyped = streamingPost(URL_, MAX_UPLOAD_BYTES + 4 * 1024 * 1024, { "content-type": "application/octet-stream" });
    const refused = await POST(untyped.request, ctx);
    expect(refused.status).toBe(413);
    expect((await refused.json()).error.fields.file).toMatch(/larger than 50 MB.*for an EPUB/);
    expect(untyped.pulled()).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 128 * 1024);
    expect(await leftovers()).toEqual([]);
  });
});
