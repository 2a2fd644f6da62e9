import { describe, expect, it } from "vitest";
import { GET as getChapter } from "@/app/api/publications/[slug]/chapters/[index]/route";
import { GET as getAsset } from "@/app/api/publications/[slug]/assets/[...path]/route";
import { GET as getCover } from "@/app/api/publications/[slug]/cover/route";
import { GET as search } from "@/app/api/publications/[slug]/search/route";
import { prisma } from "@/lib/db";
import { ingestPublication } from "@/lib/publications/ingest";
import { buildEpub } from "@/tests/support/epub";
import { createAdminUser, createPlan, createUser, grantPlan } from "@/tests/support/factories";
import { resetRequestContext, signInAs } from "@/tests/support/request-context";

const base = "http://localhost:3000/api/publications";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });

const chapter = (slug: string, index: string) => getChapter(new Request(`${base}/${slug}/chapters/${index}`), params({ slug, index }));
const asset = (slug: string, path: string) => getAsset(new Request(`${base}/${slug}/assets/${path}`), params({ slug, path: path.split("/") }));
const cover = (slug: string) => getCover(new Request(`${base}/${slug}/cover`), params({ slug }));
const find = (slug: string, q: string) => search(new Request(`${base}/${slug}/search?q=${encodeURIComponent(q)}`), params({ slug }));

async function paidBook(overrides: { published?: boolean } = {}) {
  return ingestPublication({ data: await buildEpub(), slug: "paid-book", priceCents: 500, published: overrides.published ?? true });
}

describe("content routes check access on every request", () => {
  it("answers 403 to a reader without access on chapter, asset and search URLs, 401 to a visitor", async () => {
    await paidBook();
    await signInAs(await createUser());
    for (const response of [await chapter("paid-book", "0"), await asset("paid-book", "OEBPS/images/pic.png"), await find("paid-book", "chapter")]) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("FORBIDDEN");
    }
    resetRequestContext();
    expect((await chapter("paid-book", "0")).status).toBe(401);
    expect((await asset("paid-book", "OEBPS/images/pic.png")).status).toBe(401);
  });

  it("serves a reader whose plan includes the book: chapter JSON, asset bytes, search hits", async () => {
    const book = await paidBook();
    const reader = await createUser();
    await grantPlan(reader.id, (await createPlan({ publicationIds: [book.id] })).id);
    await signInAs(reader);

    const response = await chapter("paid-book", "0");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ index: 0, count: 2, title: "One", prev: null, next: { index: 1, title: "Two" } });
    expect(body.html).toContain("First chapter");
    expect((await chapter("paid-book", "1").then((r) => r.json())).prev).toEqual({ index: 0, title: "One" });
    expect((await chapter("paid-book", "2")).status).toBe(404);
    expect((await chapter("paid-book", "x")).status).toBe(404);

    const image = await asset("paid-book", "OEBPS/images/pic.png");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("cache-control")).toMatch(/max-age=31536000/);
    expect(Buffer.from(await image.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
    expect((await asset("paid-book", "OEBPS/one.xhtml")).status).toBe(404);

    const hits = await (await find("paid-book", "later on")).json();
    expect(hits.hits).toEqual([expect.objectContaining({ chapterIndex: 1, chapterTitle: "Two", snippet: expect.stringContaining("Later on") })]);
  });

  it("lets anyone read a free book, and hides unpublished books from all but administrators", async () => {
    await ingestPublication({ data: await buildEpub(), slug: "free-book", isFree: true, published: true });
    expect((await chapter("free-book", "0")).status).toBe(200);

    await paidBook({ published: false });
    const everything = await createUser();
    await prisma.accessGrant.create({ data: { userId: everything.id, kind: "FULL", source: "ADMIN" } });
    await signInAs(everything);
    expect((await chapter("paid-book", "0")).status).toBe(404);
    expect((await cover("paid-book")).status).toBe(404);
    await signInAs(await createAdminUser());
    expect((await chapter("paid-book", "0")).status).toBe(200);
  });

  it("serves covers of published books to everyone, as images with nosniff", async () => {
    await paidBook();
    const response = await cover("paid-book");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    expect((await cover("no-such-book")).status).toBe(404);
  });
});
