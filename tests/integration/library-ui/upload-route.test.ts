import "./helpers";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST } from "@/app/api/admin/publications/route";
import { getPublicationForAdmin } from "@/lib/publications/admin-detail";
import { MAX_UPLOAD_BYTES } from "@/lib/publications/upload";
import { createAdminUser, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { buildEpub } from "@/tests/support/epub";
import { streamingPost } from "@/tests/support/counting-body";

// POST /api/admin/publications: the upload form's endpoint. The administrator is checked before
// the body is read, the file streams to a temporary file with its size capped, and nothing of
// a refused upload is left behind.

const ctx = { params: Promise.resolve({}) };
const URL_ = "http://localhost:3000/api/admin/publications";
const EPUB = { "content-type": "application/epub+zip" };

async function upload(body: Uint8Array, slug = "") {
  const response = await POST(new Request(`${URL_}?slug=${encodeURIComponent(slug)}`, { method: "POST", headers: EPUB, body: new Uint8Array(body) }), ctx);
  return { status: response.status, body: await response.json() };
}

const leftovers = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(`folio-upload-${process.pid}-`));

describe("POST /api/admin/publications", () => {
  it("stores a good EPUB and answers where its page is", async () => {
    await signInAs(await createAdminUser());
    const answer = await upload(await buildEpub());
    const created = await prisma.publication.findFirstOrThrow({ select: { id: true, slug: true, published: true } });
    expect(answer).toEqual({ status: 201, body: { id: created.id, slug: "a-tiny-book", location: `/admin/publications/${created.id}?uploaded=1` } });
    expect(created.published).toBe(false);
    expect((await getPublicationForAdmin(created.id))?.chapters.map((c) => c.index)).toEqual([0, 1]);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses a reader and a visitor before reading a byte of the body", async () => {
    const visitor = streamingPost(URL_, 8 * 1024 * 1024, EPUB);
    expect((await POST(visitor.request, ctx)).status).toBe(401);
    expect(visitor.pulled()).toBe(0);
    await signInAs(await createUser());
    const reader = streamingPost(URL_, 8 * 1024 * 1024, EPUB);
    const refused = await POST(reader.request, ctx);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/administrators/);
    expect(reader.pulled()).toBe(0);
    expect(await prisma.publication.count()).toBe(0);
  });

  it("refuses a declared size over the limit up front, and stops a streamed one at the limit", async () => {
    await signInAs(await createAdminUser());
    const declared = streamingPost(URL_, 1024, { ...EPUB, "content-length": String(MAX_UPLOAD_BYTES + 1) });
    const early = await POST(declared.request, ctx);
    expect(early.status).toBe(413);
    expect((await early.json()).error.fields.file).toMatch(/larger than 50 MB/);
    expect(declared.pulled()).toBe(0);

    const streamed = streamingPost(URL_, MAX_UPLOAD_BYTES + 4 * 1024 * 1024, EPUB);
    expect((await POST(streamed.request, ctx)).status).toBe(413);
    expect(streamed.pulled()).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 128 * 1024);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses a multipart body with 415", async () => {
    await signInAs(await createAdminUser());
    const multipart = streamingPost(URL_, 1024 * 1024, { "content-type": "multipart/form-data; boundary=x" });
    expect((await POST(multipart.request, ctx)).status).toBe(415);
    expect(multipart.pulled()).toBe(0);
  });

  it("says why a file is refused, on the field it belongs to, and stores nothing", async () => {
    await signInAs(await createAdminUser());
    const notZip = await upload(new TextEncoder().encode("not a zip"), "my-book");
    expect(notZip.status).toBe(422);
    expect(notZip.body.error.message).toMatch(/not an EPUB|zip/i);
    const empty = await upload(new Uint8Array());
    expect(empty.body.error.fields).toEqual({ file: "Choose an EPUB file to upload." });
    await createPublication({ slug: "taken" });
    const taken = await upload(await buildEpub(), "taken");
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ message: expect.stringMatching(/already exists/), fields: { slug: "Already in use." } });
    const badSlug = await upload(await buildEpub(), "Not A Slug!");
    expect(badSlug.status).toBe(422);
    expect(badSlug.body.error.fields.slug).toBeTruthy();
    expect(await prisma.publication.count()).toBe(1);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses an upload posted from another site", async () => {
    await signInAs(await createAdminUser());
    const foreign = streamingPost(URL_, 1024, { ...EPUB, origin: "https://evil.test" });
    expect((await POST(foreign.request, ctx)).status).toBe(403);
    expect(foreign.pulled()).toBe(0);
  });
});
