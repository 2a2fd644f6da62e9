import { describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/publications/[slug]/search/route";
import { listCatalog } from "@/lib/publications/catalog";
import { chaptersContaining } from "@/lib/publications/content";
import { createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const params = <P>(p: P) => ({ params: Promise.resolve(p) });

describe("% and _ in searches match themselves, not everything", () => {
  it("in the catalog", async () => {
    await createPublication({ slug: "pure", title: "100% Pure" });
    await createPublication({ slug: "snake", title: "snake_case Stories" });
    await createPublication({ slug: "plain", title: "Plain Book" });
    expect((await listCatalog("%")).map((e) => e.slug)).toEqual(["pure"]);
    expect((await listCatalog("_")).map((e) => e.slug)).toEqual(["snake"]);
    expect((await listCatalog("e_c")).map((e) => e.slug)).toEqual(["snake"]);
    expect(await listCatalog("\\")).toEqual([]);
    expect((await listCatalog("book")).map((e) => e.slug)).toEqual(["plain"]);
  });

  it("inside a book: only chapters that hold the characters are read", async () => {
    const book = await createPublication({
      slug: "wild",
      isFree: true,
      chapters: ["<p>a 50% discount</p>", "<p>snake_case here</p>", "<p>nothing special, snakeXcase</p>", "<p>back\\slash</p>"],
    });
    const indexes = async (word: string) => (await chaptersContaining(book.id, word)).map((c) => c.index);
    expect(await indexes("%")).toEqual([0]);
    expect(await indexes("_")).toEqual([1]);
    expect(await indexes("snake_case")).toEqual([1]);
    expect(await indexes("e%c")).toEqual([]);
    expect(await indexes("\\")).toEqual([3]);

    await signInAs(await createUser());
    const response = await search(new Request("http://localhost:3000/api/publications/wild/search?q=50%25"), params({ slug: "wild" }));
    expect(response.status).toBe(200);
    expect((await response.json()).hits.map((h: { chapterIndex: number }) => h.chapterIndex)).toEqual([0]);
  });
});
