import { describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/publications/[slug]/search/route";
import { listCatalog } from "@/lib/publications/catalog";
import { chaptersMatching } from "@/lib/publications/content";
import { createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const params = <P>(p: P) => ({ params: Promise.resolve(p) });

describe("% and _ in searches never match everything (search ignores punctuation: docs/decisions/0029)", () => {
  it("in the catalog", async () => {
    await createPublication({ slug: "pure", title: "100% Pure" });
    await createPublication({ slug: "snake", title: "snake_case Stories" });
    await createPublication({ slug: "plain", title: "Plain Book" });
    expect(await listCatalog("%")).toEqual([]);
    expect(await listCatalog("_")).toEqual([]);
    expect(await listCatalog("e_c")).toEqual([]);
    expect(await listCatalog("\\")).toEqual([]);
    expect((await listCatalog("100%")).map((e) => e.slug)).toEqual(["pure"]);
    expect((await listCatalog("snake_case")).map((e) => e.slug)).toEqual(["snake"]);
    expect((await listCatalog("book")).map((e) => e.slug)).toEqual(["plain"]);
  });

  it("inside a book: only chapters that hold the words are read", async () => {
    const book = await createPublication({
      slug: "wild",
      isFree: true,
      chapters: ["<p>a 50% discount</p>", "<p>snake_case here</p>", "<p>nothing special, snakeXcase</p>", "<p>back\\slash</p>"],
    });
    const indexes = (word: string) => chaptersMatching(book.id, word);
    expect(await indexes("%")).toEqual([]);
    expect(await indexes("_")).toEqual([]);
    expect(await indexes("snake_case")).toEqual([1]);
    expect(await indexes("e%c")).toEqual([]);
    expect(await indexes("\\")).toEqual([]);
    expect(await indexes("back\\slash")).toEqual([3]);

    await signInAs(await createUser());
    const response = await search(new Request("http://localhost:3000/api/publications/wild/search?q=50%25"), params({ slug: "wild" }));
    expect(response.status).toBe(200);
    expect((await response.json()).hits.map((h: { chapterIndex: number }) => h.chapterIndex)).toEqual([0]);
  });
});
