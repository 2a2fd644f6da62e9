import { describe, expect, it } from "vitest";
import { isbnFromIdentifier, parseIsbn } from "@/lib/publications/isbn";
import { publicationDateOf, readCatalogMetadata } from "@/lib/publications/epub/catalog-metadata";
import { childrenOf, elements, findFirst, parseXml } from "@/lib/publications/epub/xml";
import { parseSubjectLines, splitList } from "@/lib/publications/metadata-form";
import { findMatches, foldWithMap, foldWords } from "@/lib/publications/search-fold";

describe("ISBNs", () => {
  it("accepts ISBN-13 and ISBN-10 with right check digits, hyphens, spaces and urn:isbn:", () => {
    expect(parseIsbn("978-0-14-143951-8")).toEqual({ ok: true, isbn: "9780141439518" });
    expect(parseIsbn("urn:isbn:9780141439518")).toEqual({ ok: true, isbn: "9780141439518" });
    expect(parseIsbn("0 14 143951 3")).toEqual({ ok: true, isbn: "0141439513" });
    expect(parseIsbn("080442957x")).toEqual({ ok: true, isbn: "080442957X" });
  });

  it("refuses a wrong check digit, a wrong length or prefix, with a message saying which", () => {
    const wrong13 = parseIsbn("978-0-14-143951-9");
    expect(wrong13.ok).toBe(false);
    expect(!wrong13.ok && wrong13.message).toMatch(/ISBN-13's check digit/);
    const wrong10 = parseIsbn("0141439514");
    expect(!wrong10.ok && wrong10.message).toMatch(/ISBN-10's check digit/);
    expect(!parseIsbn("12345").ok && (parseIsbn("12345") as { message: string }).message).toMatch(/10 or 13 digits/);
    expect((parseIsbn("1234567890128") as { message: string }).message).toMatch(/starts with 978 or 979/);
  });

  it("takes an EPUB identifier only when it is an ISBN", () => {
    expect(isbnFromIdentifier("urn:isbn:9780141439518")).toBe("9780141439518");
    expect(isbnFromIdentifier("9780141439518", "ISBN")).toBe("9780141439518");
    expect(isbnFromIdentifier("urn:uuid:1b2c3d4e-0000-4000-8000-000000000000")).toBeNull();
    expect(isbnFromIdentifier("https://standardebooks.org/ebooks/jane-austen/pride-and-prejudice")).toBeNull();
    expect(isbnFromIdentifier("urn:isbn:9780141439519")).toBeNull();
  });
});

describe("OPF catalog metadata", () => {
  const metadataOf = (xml: string) => {
    const pkg = findFirst(parseXml(`<package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><metadata>${xml}</metadata></package>`, "OPF"), "package")!;
    return readCatalogMetadata(childrenOf(elements(childrenOf(pkg), "metadata")[0]!));
  };

  it("reads EPUB 3 (refines) and EPUB 2 (opf: attributes) forms", () => {
    expect(metadataOf(`
      <dc:identifier id="uid">urn:uuid:0000</dc:identifier>
      <dc:identifier id="isbn">urn:isbn:978-0-14-143951-8</dc:identifier>
      <dc:publisher> Penguin  Classics </dc:publisher>
      <dc:date>1813-01-28T00:00:00Z</dc:date>
      <dc:subject id="s1">FICTION / Classics</dc:subject>
      <meta refines="#s1" property="authority">BISAC</meta><meta refines="#s1" property="term">FIC004000</meta>
      <dc:subject>Courtship -- Fiction</dc:subject>`)).toEqual({
      isbn: "9780141439518", publisher: "Penguin Classics", publicationDate: "1813-01-28",
      subjects: [{ code: "FIC004000", label: "FICTION / Classics" }], keywords: ["Courtship -- Fiction"],
    });
    expect(metadataOf(`
      <dc:identifier opf:scheme="ISBN">0141439513</dc:identifier>
      <dc:date opf:event="modification">2020-01-01</dc:date><dc:date opf:event="publication">1813</dc:date>
      <dc:subject opf:authority="BISAC" opf:term="fic014000">FICTION / Historical</dc:subject>`)).toEqual({
      isbn: "0141439513", publisher: null, publicationDate: "1813",
      subjects: [{ code: "FIC014000", label: "FICTION / Historical" }], keywords: [],
    });
  });

  it("keeps dates as precise as written, and only real ones", () => {
    expect(publicationDateOf("1869")).toBe("1869");
    expect(publicationDateOf("1869-03")).toBe("1869-03");
    expect(publicationDateOf("1869-13-01")).toBe("1869");
    expect(publicationDateOf("1869-02-30")).toBe("1869-02");
    expect(publicationDateOf("1868-02-29")).toBe("1868-02-29");
    expect(publicationDateOf("March 1869")).toBeNull();
  });
});

describe("the metadata form's lists", () => {
  it("reads subject lines and comma lists", () => {
    expect(parseSubjectLines("FIC004000 FICTION / Classics\n\n fic019000 - FICTION / Literary\nnot a code")).toEqual([
      { code: "FIC004000", label: "FICTION / Classics" },
      { code: "FIC019000", label: "FICTION / Literary" },
      { code: "not a code", label: "not a code" },
    ]);
    expect(splitList("Russian classics, Summer reading\nOpen access,,")).toEqual(["Russian classics", "Summer reading", "Open access"]);
  });
});

describe("folding text for snippets as the database folds it", () => {
  it("drops accents, case and in-word apostrophes, keeping where each character came from", () => {
    expect(foldWords("Alice’s  NATÁSHA, Straße—Æsir")).toEqual(["alices", "natasha", "strasse", "aesir"]);
    const { folded, map } = foldWithMap("Natásha’s");
    expect(folded).toBe("natashas");
    expect(map).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
  });

  it("finds phrases with the last word as a prefix, at the original positions", () => {
    const text = "said Anna Pávlovna, and then Pávlovna again";
    expect(findMatches(text, foldWords("anna pavl"), 10).map((m) => text.slice(m.start, m.end))).toEqual(["Anna Pávl"]);
    expect(findMatches(text, foldWords("pavlovna"), 10).map((m) => text.slice(m.start, m.end))).toEqual(["Pávlovna", "Pávlovna"]);
    // The words apart: the longest one alone.
    expect(findMatches(text, foldWords("pavlovna said"), 10).map((m) => m.start)).toEqual([10, 29]);
    expect(findMatches("Wonderland's", foldWords("wonderland"), 10).map((m) => m.start)).toEqual([0]);
  });
});
