import { beforeEach, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/publications/[slug]/search/route";
import { searchCatalog } from "@/lib/publications/catalog-search";
import { ingestPublication } from "@/lib/publications/ingest";
import { updateCatalogMetadata } from "@/lib/publications/metadata";
import { demoBook } from "@/tests/support/epub";
import { createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

// The examples (14, item 1) against the demo books, ingested as an upload would be.

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const slugs = async (q: string) => (await searchCatalog({ q })).books.map((b) => b.slug);
type Hit = { chapterIndex: number; chapterTitle: string; snippet: string };
async function inBook(slug: string, q: string): Promise<Hit[]> {
  const response = await search(new Request(`http://localhost:3000/api/publications/${slug}/search?q=${encodeURIComponent(q)}`), params({ slug }));
  expect(response.status).toBe(200);
  return (await response.json()).hits;
}

async function ingestDemo(name: Parameters<typeof demoBook>[0], isFree = true) {
  return ingestPublication({ data: demoBook(name), slug: name, isFree, priceCents: isFree ? 0 : 499, published: true });
}

describe("catalog search finds what people type", () => {
  beforeEach(async () => {
    await ingestDemo("alice-in-wonderland");
    await ingestDemo("pride-and-prejudice", false);
    await ingestDemo("adventures-of-sherlock-holmes", false);
  });

  it("ignores case, accents and punctuation: Alice's, alice's, ALICE, Alice’s", async () => {
    for (const q of ["Alice's", "alice's", "ALICE", "Alice’s", "alice", "ÀLÎCE", "  alice!  "]) {
      expect(await slugs(q), q).toEqual(["alice-in-wonderland"]);
    }
  });

  it("matches prefixes as people type, and every word must match", async () => {
    expect(await slugs("pride and prej")).toEqual(["pride-and-prejudice"]);
    expect((await slugs("pri"))[0]).toBe("pride-and-prejudice"); // ranked first; a description may hold "private"
    expect(await slugs("sherl holm")).toEqual(["adventures-of-sherlock-holmes"]);
    expect(await slugs("austen")).toEqual(["pride-and-prejudice"]);
    expect(await slugs("alice prejudice")).toEqual([]);
  });

  it("finds subjects, keywords, publisher and ISBN, typed with or without hyphens", async () => {
    const { id } = await getId("pride-and-prejudice");
    await updateCatalogMetadata({
      id, isbn: "978-0-14-143951-8", publisher: "Penguin Clásicos", language: "en", publicationDate: "1813-01-28",
      subjects: [{ code: "FIC004000", label: "FICTION / Classics" }], collections: ["Regency novels"], keywords: ["matrimony", "Longbourn"],
    });
    for (const q of ["9780141439518", "978-0-14-143951-8", "fiction classics", "FIC004000", "matrimony", "longb", "penguin clasicos"]) {
      expect(await slugs(q), q).toEqual(["pride-and-prejudice"]);
    }
  });

  it("ranks title matches above description matches", async () => {
    // "adventures" is in two titles; "alice" only in one, whose description may mention adventures too.
    const found = await slugs("adventures");
    expect(found).toContain("alice-in-wonderland");
    expect(found).toContain("adventures-of-sherlock-holmes");
    const ranked = (await searchCatalog({ q: "holmes" })).books.map((b) => b.slug);
    expect(ranked[0]).toBe("adventures-of-sherlock-holmes");
  });

  it("a query of punctuation alone finds nothing rather than everything", async () => {
    for (const q of ["%", "_", "'", "\\", "—"]) expect(await slugs(q), q).toEqual([]);
  });
});

async function getId(slug: string) {
  const { prisma } = await import("@/lib/db");
  return prisma.publication.findUniqueOrThrow({ where: { slug }, select: { id: true } });
}

describe("catalog search finds Tolstoy", () => {
  it("by a prefix of his name, and in-book search finds natasha and pavlovna without their accents", async () => {
    await ingestDemo("war-and-peace");
    await ingestDemo("alice-in-wonderland");
    expect(await slugs("tolst")).toEqual(["war-and-peace"]);
    expect(await slugs("war and pea")).toEqual(["war-and-peace"]);

    await signInAs(await createUser());
    const natasha = await inBook("war-and-peace", "natasha");
    expect(natasha.length).toBe(50);
    expect(natasha[0]!.snippet).toMatch(/Natásha/);
    const accented = await inBook("war-and-peace", "Natásha");
    expect(accented.map((h) => h.snippet)).toEqual(natasha.map((h) => h.snippet));
    const upper = await inBook("war-and-peace", "NATASHA");
    expect(upper.length).toBe(50);

    const pavlovna = await inBook("war-and-peace", "pavlovna");
    expect(pavlovna.length).toBeGreaterThan(5);
    expect(pavlovna.every((h) => /P[aá]vlovna/i.test(h.snippet))).toBe(true);
    // In reading order.
    const order = pavlovna.map((h) => h.chapterIndex);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A phrase as typed, the last word a prefix.
    const anna = await inBook("war-and-peace", "anna pavl");
    expect(anna.length).toBeGreaterThan(0);
    expect(anna.every((h) => /Anna P[aá]vlovna/i.test(h.snippet))).toBe(true);
  });

  it("in-book search ignores apostrophes the way the catalog does", async () => {
    await ingestDemo("alice-in-wonderland");
    await signInAs(await createUser());
    const hits = await inBook("alice-in-wonderland", "alice's");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((h) => !/alice[’']?s/i.test(h.snippet)).map((h) => h.snippet)).toEqual([]); // "Alice’s", and "alices-adventures" in a URL
    expect((await inBook("alice-in-wonderland", "ALICE")).length).toBe(50);
  });
});

describe("the site search looks inside the books too", () => {
  it("finds a book by words in its text, and shows its words only to people who may read it", async () => {
    const { searchInsideBooks } = await import("@/lib/publications/content");
    const { createAdminUser } = await import("@/tests/support/factories");
    await ingestDemo("alice-in-wonderland");
    await ingestDemo("adventures-of-sherlock-holmes", false);
    // "Curiouser" is in Alice's text only, not its title, author or description.
    expect(await slugs("curiouser")).toEqual([]);
    const [free] = await searchInsideBooks({ userId: null }, "CURIOUSER");
    expect(free).toMatchObject({ slug: "alice-in-wonderland" });
    expect(free!.snippet).toMatch(/Curiouser and curiouser/);
    // A paid book: a visitor learns the words are there, not the text around them.
    const [paid] = await searchInsideBooks({ userId: null }, "baker street");
    expect(paid).toMatchObject({ slug: "adventures-of-sherlock-holmes", snippet: null });
    expect(paid!.chapters).toBeGreaterThan(1);
    const visitor = await createUser();
    expect((await searchInsideBooks({ userId: visitor.id }, "baker street"))[0]!.snippet).toBeNull();
    const admin = await createAdminUser();
    expect((await searchInsideBooks({ userId: admin.id, isAdmin: true }, "baker street"))[0]!.snippet).toMatch(/Baker Street/i);
    expect(await searchInsideBooks({ userId: null }, "x")).toEqual([]);
  });
});
