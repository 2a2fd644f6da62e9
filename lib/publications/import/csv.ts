import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { priceSchema } from "@/lib/publications/price";
import { slugSchema } from "@/lib/publications/slug";

// The metadata CSV of a backlist import. Everything in it is hostile until read: the whole text is
// capped, every field and row is capped, a byte-order mark is dropped, quotes follow RFC 4180.
// A row that is wrong becomes a failed row with its reason; only a CSV that cannot be read at all
// (no header, no `file` column, too big) is refused whole.

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 5_000;
const MAX_FIELD_CHARS = 20_000;
const MAX_RECORD_CHARS = 64 * 1024;

export const KNOWN_COLUMNS = ["file", "title", "author", "description", "price", "free", "published", "isbn", "slug"] as const;
type Known = (typeof KNOWN_COLUMNS)[number];

const yesNo = z.string().trim().toLowerCase().transform((s, ctx) => {
  if (["", "no", "n", "false", "0"].includes(s)) return false;
  if (["yes", "y", "true", "1"].includes(s)) return true;
  ctx.addIssue({ code: "custom", message: `Write yes or no, not "${s.slice(0, 20)}".` });
  return z.NEVER;
});

/** A file name inside the folder or zip: relative, no way out of it. */
const fileName = z.string().trim().min(1, "Name the book's file.").max(500, "That file name is too long.")
  .refine((s) => !s.startsWith("/") && !s.startsWith("\\") && !/^[a-z]:/i.test(s), "Give the file's name inside the folder, not a full path.")
  .refine((s) => !s.split(/[\\/]/).includes("..") && !s.includes("\0"), "A file name may not go up out of the folder.")
  .transform((s) => s.replace(/\\/g, "/").replace(/^\.\//, ""));

/** ISBN-10 or ISBN-13 with a valid check digit (hyphens and spaces ignored). */
export function isValidIsbn(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, "").toUpperCase();
  if (/^\d{9}[\dX]$/.test(s)) {
    const sum = [...s].reduce((acc, ch, i) => acc + (ch === "X" ? 10 : Number(ch)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  if (/^\d{13}$/.test(s)) {
    const sum = [...s].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 ? 3 : 1), 0);
    return sum % 10 === 0;
  }
  return false;
}

const rowSchema = z.object({
  file: fileName,
  title: z.string().trim().max(500, "Keep the title under 500 characters.").optional().transform((s) => s || undefined),
  author: z.string().trim().max(300, "Keep the author under 300 characters.").optional().transform((s) => s || undefined),
  description: z.string().trim().max(MAX_FIELD_CHARS).optional().transform((s) => s || undefined),
  price: priceSchema.optional(),
  free: yesNo.optional(),
  published: yesNo.optional(),
  isbn: z.string().trim().optional().transform((s) => s || undefined)
    .refine((s) => s === undefined || isValidIsbn(s), "That ISBN's check digit is wrong (or it is not 10 or 13 digits)."),
  slug: z.string().trim().optional().transform((s) => s || undefined).pipe(slugSchema.optional()),
});

export type ImportRowMetadata = {
  title?: string; author?: string; description?: string; priceCents: number; isFree: boolean; published: boolean; isbn?: string; slug?: string;
};
export type ParsedCsvRow =
  | { line: number; file: string; ok: true; metadata: ImportRowMetadata }
  | { line: number; file: string; ok: false; reason: string };
export type ParsedCsv = { rows: ParsedCsvRow[]; unknownColumns: string[] };

const refuse = (message: string) => new AppError("BAD_INPUT", message, { fields: { csv: message } });

export function parseImportCsv(input: string | Uint8Array): ParsedCsv {
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_CSV_BYTES) throw refuse(`The CSV is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it into several imports.`);
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
      to_line: MAX_CSV_ROWS + 2,
    }) as string[][];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    if (e.code === "CSV_MAX_RECORD_SIZE") throw refuse(`A row near line ${e.lines ?? "?"} is longer than ${MAX_RECORD_CHARS / 1024} KB; is a quote left open?`);
    if (e.code === "CSV_QUOTE_NOT_CLOSED") throw refuse(`A quoted field is never closed (from line ${e.lines ?? "?"}).`);
    throw refuse(`The CSV could not be read${e.lines ? ` (line ${e.lines})` : ""}: ${(e.message ?? "").split("\n")[0]!.slice(0, 200)}`);
  }
  const [header, ...body] = records;
  if (!header) throw refuse("The CSV is empty: it needs a header row (file,title,author,…) and a row per book.");
  if (body.length > MAX_CSV_ROWS) throw refuse(`The CSV has more than ${MAX_CSV_ROWS.toLocaleString("en-US")} rows; split it into several imports.`);
  const names = header.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  for (const n of names) {
    if (n && seen.has(n)) throw refuse(`The column "${n.slice(0, 40)}" appears twice.`);
    seen.add(n);
  }
  if (!names.includes("file")) throw refuse('The CSV needs a "file" column naming each book\'s EPUB.');
  const known = new Set<string>(KNOWN_COLUMNS);
  const unknownColumns = names.filter((n) => n && !known.has(n)).map((n) => n.slice(0, 60));

  const rows: ParsedCsvRow[] = [];
  body.forEach((record, i) => {
    const line = i + 2;
    const raw: Partial<Record<Known, string>> = {};
    names.forEach((n, col) => {
      if (known.has(n)) raw[n as Known] = record[col] ?? "";
    });
    const file = (raw.file ?? "").trim().slice(0, 500);
    if (record.length > names.length && record.slice(names.length).some((v) => v.trim())) {
      rows.push({ line, file, ok: false, reason: `This row has ${record.length} fields but the header has ${names.length}; is a comma inside a value not quoted?` });
      return;
    }
    const tooLong = Object.entries(raw).find(([, v]) => (v ?? "").length > MAX_FIELD_CHARS);
    if (tooLong) {
      rows.push({ line, file, ok: false, reason: `The ${tooLong[0]} is longer than ${MAX_FIELD_CHARS.toLocaleString("en-US")} characters.` });
      return;
    }
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      rows.push({ line, file, ok: false, reason: `${String(issue.path[0] ?? "row")}: ${issue.message}` });
      return;
    }
    const d = parsed.data;
    rows.push({
      line, file: d.file, ok: true,
      metadata: {
        ...(d.title ? { title: d.title } : {}), ...(d.author ? { author: d.author } : {}), ...(d.description ? { description: d.description } : {}),
        ...(d.isbn ? { isbn: d.isbn.replace(/[\s-]/g, "").toUpperCase() } : {}), ...(d.slug ? { slug: d.slug } : {}),
        isFree: d.free ?? false, priceCents: d.free ? 0 : (d.price ?? 0), published: d.published ?? false,
      },
    });
  });
  return { rows, unknownColumns };
}
