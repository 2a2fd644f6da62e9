import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { prisma } from "@/lib/db";
import { fieldErrorsFromZod } from "@/lib/integrations/field-errors";
import { searchCatalog } from "@/lib/publications/catalog-search";
import { ingestPublication } from "@/lib/publications/ingest";
import { getEditableMetadata, updateCatalogMetadata, type MetadataInput } from "@/lib/publications/metadata";
import { buildEpub, opf } from "@/tests/support/epub";
import { createPublication } from "@/tests/support/factories";

const OPF_METADATA = `
  <dc:identifier id="isbn">urn:isbn:978-0-14-143951-8</dc:identifier>
  <dc:publisher>Penguin Classics</dc:publisher>
  <dc:date>1813-01-28</dc:date>
  <dc:subject id="s1">FICTION / Classics</dc:subject>
  <meta refines="#s1" property="authority">BISAC</meta>
  <meta refines="#s1" property="term">FIC004000</meta>
  <dc:subject>Courtship -- Fiction</dc:subject>`;

const blank = (id: string): MetadataInput => ({ id, isbn: "", publisher: "", language: "", publicationDate: "", subjects: [], collections: [], keywords: [] });

async function fieldErrors(input: MetadataInput): Promise<Record<string, string>> {
  const error = await updateCatalogMetadata(input).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ZodError);
  return fieldErrorsFromZod(error as ZodError);
}

describe("catalog metadata", () => {
  it("is read from the EPUB's OPF at upload, and the subject's words are searchable", async () => {
    const { id } = await ingestPublication({ data: await buildEpub({ "OEBPS/content.opf": opf({ metadata: OPF_METADATA }) }), published: true, isFree: true });
    expect(await getEditableMetadata(id)).toEqual({
      isbn: "9780141439518", publisher: "Penguin Classics", language: "en", publicationDate: "1813-01-28",
      subjects: [{ code: "FIC004000", label: "FICTION / Classics" }], collections: [], keywords: ["Courtship -- Fiction"],
    });
    expect((await searchCatalog({ q: "classics" })).books.map((b) => b.title)).toEqual(["A Tiny Book"]);
    expect((await searchCatalog({ q: "courtship" })).books.map((b) => b.title)).toEqual(["A Tiny Book"]);
  });

  it("is edited with validation that names the field and the problem, and a refused save changes nothing", async () => {
    const book = await createPublication({ slug: "edit-me" });
    await updateCatalogMetadata({ ...blank(book.id), isbn: "0-14-143951-3", keywords: ["one"] });
    const errors = await fieldErrors({
      ...blank(book.id), isbn: "978-0-14-143951-9", language: "English", publicationDate: "1813-02-30",
      subjects: [{ code: "FIC004000", label: "FICTION / Classics" }, { code: "fiction", label: "fiction" }],
    });
    expect(errors.isbn).toMatch(/check digit/);
    expect(errors.language).toMatch(/code such as en/);
    expect(errors.publicationDate).toMatch(/does not exist/);
    expect(errors.subjects).toMatch(/^Line 2: A BISAC code is three letters and six digits/);
    expect((await getEditableMetadata(book.id))?.isbn).toBe("0141439513");
    expect((await getEditableMetadata(book.id))?.keywords).toEqual(["one"]);
  });

  it("replaces subjects, collections and keywords; a new collection name creates the collection", async () => {
    const book = await createPublication({ slug: "shelved" });
    await updateCatalogMetadata({
      ...blank(book.id), subjects: [{ code: "fic004000", label: "FICTION / Classics" }, { code: "HIS037000", label: "HISTORY / Modern" }],
      collections: ["Russian classics", "Summer reading"], keywords: ["war", "War", "peace"],
    });
    expect(await getEditableMetadata(book.id)).toMatchObject({
      subjects: [{ code: "FIC004000" }, { code: "HIS037000" }], collections: ["Russian classics", "Summer reading"], keywords: ["war", "peace"],
    });
    await updateCatalogMetadata({ ...blank(book.id), subjects: [{ code: "HIS037000", label: "HISTORY / Modern / General" }], collections: ["Summer Reading"] });
    expect(await getEditableMetadata(book.id)).toMatchObject({ subjects: [{ code: "HIS037000", label: "HISTORY / Modern / General" }], collections: ["Summer reading"], keywords: [] });
    expect(await prisma.collection.count()).toBe(2);
    expect((await searchCatalog({ q: "classics" })).total).toBe(0);
    expect((await searchCatalog({ q: "modern history" })).books.map((b) => b.slug)).toEqual(["shelved"]);
  });
});

describe("catalog filters and sort", () => {
  it("filter by collection, subject, language and price, sort by title, author or newest, and page", async () => {
    let day = 0;
    const make = async (slug: string, title: string, language: string, isFree: boolean, meta: Partial<MetadataInput> = {}) => {
      const p = await createPublication({ slug, title, isFree });
      day++;
      await prisma.publication.update({ where: { id: p.id }, data: { language, author: `${title.split(" ")[0]} Writer`, createdAt: new Date(Date.UTC(2026, 0, day)) } });
      await updateCatalogMetadata({ ...blank(p.id), language, ...meta });
      return p;
    };
    await make("zebra", "Zebra Days", "en-GB", true, { collections: ["Animals"], subjects: [{ code: "JUV000000", label: "JUVENILE FICTION / General" }] });
    await make("apple", "Apple Orchard", "fr", false, { collections: ["Animals", "Food"] });
    await make("mango", "Mango Summer", "en", false, { subjects: [{ code: "JUV000000", label: "JUVENILE FICTION / General" }] });
    await createPublication({ slug: "draft", title: "Draft Animals", published: false });

    const slugs = async (f: Record<string, string>) => (await searchCatalog(f)).books.map((b) => b.slug);
    expect(await slugs({})).toEqual(["apple", "mango", "zebra"]);
    expect(await slugs({ collection: "animals" })).toEqual(["apple", "zebra"]);
    expect(await slugs({ subject: "juv000000" })).toEqual(["mango", "zebra"]);
    expect(await slugs({ language: "en" })).toEqual(["mango", "zebra"]);
    expect(await slugs({ price: "free" })).toEqual(["zebra"]);
    expect(await slugs({ price: "paid", collection: "animals" })).toEqual(["apple"]);
    expect(await slugs({ sort: "newest" })).toEqual(["mango", "apple", "zebra"]);
    expect(await slugs({ sort: "author" })).toEqual(["apple", "mango", "zebra"]);
    expect(await slugs({ q: "animals" })).toEqual([]);
    // Malformed parameters are ignored, not refused.
    expect(await slugs({ language: "<script>", sort: "random", page: "-3", subject: "x" })).toEqual(["apple", "mango", "zebra"]);
    const page = await searchCatalog({ page: "2" });
    expect(page).toMatchObject({ books: [], page: 2 });
  });
});
