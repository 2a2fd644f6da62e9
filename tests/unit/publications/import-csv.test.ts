import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { isValidIsbn, parseImportCsv } from "@/lib/publications/import/csv";

const refused = (input: string) => {
  try {
    parseImportCsv(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error("accepted");
};

describe("parseImportCsv", () => {
  it("reads rows with quotes, embedded commas, newlines and doubled quotes, after a BOM; reports unknown columns", () => {
    const csv = "\uFEFFFile,Title,Author,Description,Price,Free,Published,ISBN,Shelf\r\n"
      + `alice.epub,"Alice's Adventures, Illustrated",Lewis Carroll,"A ""curious"" tale,\nin two lines",4.99,no,yes,978-0-14-143976-1,kids\r\n`
      + `pride.epub,,,,,yes,,,\r\n`;
    const { rows, unknownColumns } = parseImportCsv(csv);
    expect(unknownColumns).toEqual(["shelf"]);
    expect(rows).toEqual([
      { line: 2, file: "alice.epub", ok: true, metadata: { title: "Alice's Adventures, Illustrated", author: "Lewis Carroll", description: 'A "curious" tale,\nin two lines', isbn: "9780141439761", isFree: false, priceCents: 499, published: true } },
      { line: 3, file: "pride.epub", ok: true, metadata: { isFree: true, priceCents: 0, published: false } },
    ]);
  });

  it("turns a bad row into a failed row with its reason, keeping the others", () => {
    const csv = "file,price,free,isbn\nok.epub,1,,\nneg.epub,-3,,\ncents.epub,1.234,,\nfree.epub,,maybe,\nisbn.epub,,,9780141439762\n../etc/passwd,,,\n/abs/path.epub,,,\n,2,,\nextra.epub,1,no,,surprise\n";
    const rows = parseImportCsv(csv).rows;
    expect(rows.map((r) => (r.ok ? "ok" : r.reason))).toEqual([
      "ok",
      "price: The price cannot be negative.",
      "price: Use at most two decimals (cents), like 4.99.",
      'free: Write yes or no, not "maybe".',
      "isbn: That ISBN's check digit is wrong (or it is not 10 or 13 digits).",
      "file: A file name may not go up out of the folder.",
      "file: Give the file's name inside the folder, not a full path.",
      "file: Name the book's file.",
      "This row has 5 fields but the header has 4; is a comma inside a value not quoted?",
    ]);
  });

  it("refuses what cannot be read at all: no file column, repeated columns, an open quote, a huge row, too many rows", () => {
    expect(refused("")).toMatch(/empty/);
    expect(refused("title,author\nA,B\n")).toMatch(/"file" column/);
    expect(refused("file,title,Title\na.epub,x,y\n")).toMatch(/"title" appears twice/);
    expect(refused(`file,title\na.epub,"never closed\n`)).toMatch(/never closed|longer than/);
    expect(refused(`file,description\na.epub,"${"x".repeat(70 * 1024)}"\n`)).toMatch(/longer than 64 KB/);
    expect(refused(`file\n${"a.epub\n".repeat(5_001)}`)).toMatch(/more than 5,000 rows/);
    expect(refused(`file\n${"x".repeat(6 * 1024 * 1024)}`)).toMatch(/larger than 5 MB/);
  });

  it("checks ISBN check digits", () => {
    expect(isValidIsbn("0-306-40615-2")).toBe(true);
    expect(isValidIsbn("080442957X")).toBe(true);
    expect(isValidIsbn("978-0-306-40615-7")).toBe(true);
    expect(isValidIsbn("978-0-306-40615-8")).toBe(false);
    expect(isValidIsbn("12345")).toBe(false);
  });
});
