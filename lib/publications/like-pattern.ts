/**
 * Escapes LIKE's wildcards so that user text matches literally in Prisma's `contains` (Postgres
 * LIKE/ILIKE, whose default escape character is the backslash): a search for "%" or "_" would
 * otherwise match every row, and in-book search would then read every chapter of the book.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
