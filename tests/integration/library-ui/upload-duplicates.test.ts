import "./helpers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST } from "@/app/api/admin/publications/route";
import { createAdminUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { buildEpub, chapterXhtml, opf } from "@/tests/support/epub";

const ctx = { params: Promise.resolve({}) };
const URL_ = "http://localhost:3000/api/admin/publications";

async function upload(body: Uint8Array, query = "") {
  const response = await POST(new Request(`${URL_}?${query}`, { method: "POST", headers: { "content-type": "application/epub+zip" }, body: new Uint8Array(body) }), ctx);
  return { status: response.status, body: await response.json() };
}

describe("duplicate uploads", () => {
  it("warns on the same file, and stores it when the person goes on anyway", async () => {
    await signInAs(await createAdminUser());
    const epub = await buildEpub();
    expect((await upload(epub)).status).toBe(201);
    const again = await upload(epub, "slug=second-copy");
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "DUPLICATE", duplicates: [{ slug: "a-tiny-book", reason: "same-file" }] });
    expect(again.body.error.message).toMatch(/This exact file is already in the catalog: "A Tiny Book" by Ada Writer/);
    expect(await prisma.publication.count()).toBe(1);
    expect((await upload(epub, "slug=second-copy&duplicates=allow")).status).toBe(201);
    expect(await prisma.publication.count()).toBe(2);
  });

  it("warns on another file with the same title and author (any case and spacing)", async () => {
    await signInAs(await createAdminUser());
    expect((await upload(await buildEpub())).status).toBe(201);
    await prisma.publication.updateMany({ data: { title: "a  tiny BOOK" } });
    const other = await buildEpub({ "OEBPS/two.xhtml": chapterXhtml("Two", "<p>A revised chapter.</p>") });
    const answer = await upload(other, "slug=revised");
    expect(answer.status).toBe(409);
    expect(answer.body.error.duplicates).toEqual([expect.objectContaining({ reason: "same-title-and-author" })]);
    expect(answer.body.error.message).toMatch(/same title and author/);
  });

  it("warns on another book with the same ISBN, whatever its title", async () => {
    await signInAs(await createAdminUser());
    const isbn = '<dc:identifier id="isbn">urn:isbn:978-0-306-40615-7</dc:identifier>';
    expect((await upload(await buildEpub({ "OEBPS/content.opf": opf({ title: "First Printing", metadata: isbn }) }))).status).toBe(201);
    expect(await prisma.publication.findFirst({ select: { isbn: true } })).toEqual({ isbn: "9780306406157" });
    const answer = await upload(await buildEpub({ "OEBPS/content.opf": opf({ title: "Retitled Printing", metadata: isbn }) }), "slug=retitled");
    expect(answer.status).toBe(409);
    expect(answer.body.error.duplicates).toEqual([expect.objectContaining({ reason: "same-isbn", slug: "first-printing" })]);
    expect(answer.body.error.message).toMatch(/same ISBN/);
  });
});
