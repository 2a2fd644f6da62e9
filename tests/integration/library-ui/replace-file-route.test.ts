import "./helpers";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/admin/publications/[id]/file/route";
import { BookCover } from "@/components/book-cover";
import { prisma } from "@/lib/db";
import { ingestPublication } from "@/lib/publications/ingest";
import { buildEpub, chapterXhtml } from "@/tests/support/epub";
import { streamingPost } from "@/tests/support/counting-body";
import { createAdminUser, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const url = (id: string) => `http://localhost:3000/api/admin/publications/${id}/file`;
const EPUB = { "content-type": "application/epub+zip" };

describe("POST /api/admin/publications/[id]/file", () => {
  it("refuses a reader before reading the body, and replaces the file for an administrator", async () => {
    const book = await ingestPublication({ data: await buildEpub(), slug: "edition-route" });
    await signInAs(await createUser());
    const reader = streamingPost(url(book.id), 4 * 1024 * 1024, EPUB);
    expect((await POST(reader.request, { params: Promise.resolve({ id: book.id }) })).status).toBe(403);
    expect(reader.pulled()).toBe(0);

    await signInAs(await createAdminUser());
    const next = await buildEpub({ "OEBPS/two.xhtml": chapterXhtml("Two", "<p>Second chapter, second edition.</p>") });
    const response = await POST(new Request(url(book.id), { method: "POST", headers: EPUB, body: new Uint8Array(next) }), { params: Promise.resolve({ id: book.id }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ chapterCount: 2, highlights: { placed: 0, unplaced: 0 }, people: 0, progressMoved: 0 });
    const chapter = await prisma.chapter.findUniqueOrThrow({ where: { publicationId_index: { publicationId: book.id, index: 1 } } });
    expect(chapter.html).toContain("second edition");
    expect(await prisma.auditEvent.count({ where: { action: "publication.replace_file" } })).toBe(1);
  });
});

describe("POST /api/admin/publications/[id]/file with a PDF", () => {
  /** `total` bytes that start like a PDF, sent chunked, counting what was pulled. */
  function pdfLikeBody(total: number) {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        const size = Math.min(1024 * 1024, total - pulled);
        const chunk = new Uint8Array(size).fill(32);
        if (pulled === 0) chunk.set(new TextEncoder().encode("%PDF-1.7\n"));
        pulled += size;
        controller.enqueue(chunk);
      },
    }, { highWaterMark: 0 });
    return { stream, pulled: () => pulled };
  }

  it("holds a new edition to the EPUB limit: a large PDF is cut off at 50 MB, never streamed in whole and read into memory", async () => {
    const book = await ingestPublication({ data: await buildEpub(), slug: "edition-pdf" });
    await signInAs(await createAdminUser());
    const body = pdfLikeBody(80 * 1024 * 1024);
    const request = new Request(url(book.id), { method: "POST", headers: { "content-type": "application/octet-stream" }, body: body.stream, duplex: "half" } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ id: book.id }) });
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(52 * 1024 * 1024);

    const declared = await POST(new Request(url(book.id), { method: "POST", headers: { "content-type": "application/pdf" }, body: new TextEncoder().encode("%PDF-1.7\n") }), { params: Promise.resolve({ id: book.id }) });
    expect(declared.status).toBe(415);
    const small = await POST(new Request(url(book.id), { method: "POST", headers: { "content-type": "application/octet-stream" }, body: new TextEncoder().encode("%PDF-1.7\n%%EOF\n") }), { params: Promise.resolve({ id: book.id }) });
    expect(small.status).toBe(422);
    expect((await small.json()).error.fields.file).toMatch(/must be an EPUB/);
    expect(await prisma.auditEvent.count({ where: { action: "publication.replace_file" } })).toBe(0);
  });
});

describe("BookCover", () => {
  it("offers WebP and JPEG thumbnails by width over the cover's colour, and the original without thumbnails", () => {
    const html = renderToStaticMarkup(BookCover({ slug: "emma", title: "Emma", author: "Jane Austen", hasCover: true, cover: { hash: "0123456789abcdef", color: "#8b1e3f" } }));
    expect(html).toContain('type="image/webp"');
    expect(html).toContain("/api/publications/emma/cover/0123456789abcdef-240.webp 240w");
    expect(html).toContain("/api/publications/emma/cover/0123456789abcdef-640.jpg 640w");
    expect(html).toContain("background-color:#8b1e3f");
    expect(html).toMatch(/sizes="\(min-width: 1024px\) 180px/);
    expect(renderToStaticMarkup(BookCover({ slug: "emma", title: "Emma", author: "Jane Austen", hasCover: true }))).toContain('src="/api/publications/emma/cover"');
  });
});
