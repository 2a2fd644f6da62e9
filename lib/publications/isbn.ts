// ISBNs as people and EPUBs write them ("978-0-14-044793-4", "urn:isbn:0140447938"): checked by
// their check digit and kept as digits (an X last for ISBN-10).

export type IsbnResult = { ok: true; isbn: string } | { ok: false; message: string };

/** The digits of an ISBN-10 or ISBN-13 whose check digit is right, or why it is not one. */
export function parseIsbn(value: string): IsbnResult {
  const compact = value.trim().replace(/^(urn:)?isbn[:\s]*/i, "").replace(/[\s-]/g, "").toUpperCase();
  if (/^\d{13}$/.test(compact)) {
    if (!/^97[89]/.test(compact)) return { ok: false, message: "An ISBN-13 starts with 978 or 979." };
    const sum = [...compact].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0 ? { ok: true, isbn: compact } : { ok: false, message: "This ISBN-13's check digit (the last one) is wrong: check for a typing mistake." };
  }
  if (/^\d{9}[\dX]$/.test(compact)) {
    const sum = [...compact].reduce((acc, d, i) => acc + (d === "X" ? 10 : Number(d)) * (10 - i), 0);
    return sum % 11 === 0 ? { ok: true, isbn: compact } : { ok: false, message: "This ISBN-10's check digit (the last one) is wrong: check for a typing mistake." };
  }
  return { ok: false, message: "An ISBN has 10 or 13 digits (hyphens and spaces are fine), e.g. 978-0-14-044793-4." };
}

/** The ISBN an EPUB's dc:identifier holds, if it is one with a right check digit. */
export function isbnFromIdentifier(identifier: string, scheme?: string): string | null {
  const looksLikeIsbn = /^(urn:)?isbn[:\s]/i.test(identifier.trim()) || /isbn/i.test(scheme ?? "") || /^[\d\s-]{10,17}[\dXx]?$/.test(identifier.trim());
  if (!looksLikeIsbn) return null;
  const result = parseIsbn(identifier);
  return result.ok ? result.isbn : null;
}
