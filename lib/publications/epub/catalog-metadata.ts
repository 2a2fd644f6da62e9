import { isbnFromIdentifier } from "@/lib/publications/isbn";
import { attr, elements, textOf, type XmlNode } from "@/lib/publications/epub/xml";

// The catalog metadata an EPUB's package document may carry (docs/decisions/0029): ISBN
// (dc:identifier), publisher, publication date, language, BISAC subjects and other subjects
// (kept as keywords). Everything is optional and capped: a book without it still ingests.

export type CatalogMetadata = {
  isbn: string | null;
  publisher: string | null;
  publicationDate: string | null;
  subjects: { code: string; label: string }[];
  keywords: string[];
};

const BISAC_CODE = /^[A-Z]{3}\d{6}$/;
const MAX_SUBJECTS = 20;
const MAX_KEYWORDS = 30;
const clip = (s: string, n: number) => s.replace(/\s+/g, " ").trim().slice(0, n);

/** "1869", "1869-03" or "1869-03-01" from a dc:date ("1869-03-01T00:00:00Z" and the like), or null. */
export function publicationDateOf(value: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return y!;
  // A day the month does not have (1869-02-30) keeps the month only.
  if (d && new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return `${y}-${mo}`;
  return [y, mo, d].filter(Boolean).join("-");
}

/** Reads the catalog fields from the OPF's <metadata> children. */
export function readCatalogMetadata(metadata: XmlNode[]): CatalogMetadata {
  const metas = elements(metadata, "meta");
  // EPUB 3 refines elements with <meta refines="#id" property="…">; EPUB 2 uses opf: attributes.
  const refined = (node: XmlNode, property: string) => {
    const id = attr(node, "id");
    const meta = id ? metas.find((m) => attr(m, "refines") === `#${id}` && attr(m, "property") === property) : undefined;
    return meta ? textOf([meta]).trim() : undefined;
  };

  let isbn: string | null = null;
  for (const identifier of elements(metadata, "identifier")) {
    isbn = isbnFromIdentifier(textOf([identifier]), attr(identifier, "scheme") ?? refined(identifier, "identifier-type"));
    if (isbn) break;
  }

  const publisher = clip(elements(metadata, "publisher").map((p) => textOf([p]))[0] ?? "", 200) || null;
  // EPUB 3 has one dc:date (publication); EPUB 2 may mark several with opf:event.
  const dates = elements(metadata, "date");
  const date = dates.find((d) => (attr(d, "event") ?? "publication") === "publication") ?? dates[0];
  const publicationDate = date ? publicationDateOf(textOf([date])) : null;

  const subjects: CatalogMetadata["subjects"] = [];
  const keywords: string[] = [];
  for (const subject of elements(metadata, "subject")) {
    const label = clip(textOf([subject]), 200);
    const authority = attr(subject, "authority") ?? refined(subject, "authority") ?? "";
    const term = (attr(subject, "term") ?? refined(subject, "term") ?? "").trim().toUpperCase();
    const code = BISAC_CODE.test(term) ? term : BISAC_CODE.test(label.toUpperCase()) ? label.toUpperCase() : null;
    if (code && (/bisac/i.test(authority) || !authority)) {
      if (!subjects.some((s) => s.code === code) && subjects.length < MAX_SUBJECTS) subjects.push({ code, label: label && label.toUpperCase() !== code ? label : code });
    } else if (label && !keywords.includes(label) && keywords.length < MAX_KEYWORDS) {
      keywords.push(label.slice(0, 100));
    }
  }
  return { isbn, publisher, publicationDate, subjects, keywords };
}
