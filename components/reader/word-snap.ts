// Pure text arithmetic: a drag that starts or ends inside a word takes the whole word, so a
// highlight never cuts "repl|ied". Letters, digits and combining marks make words; an apostrophe
// or hyphen between two of them belongs to the word ("don't", "well-known").

const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /['’\-‐]/u;

function isWordAt(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  return JOINER.test(c) && WORD.test(text[i - 1] ?? "") && WORD.test(text[i + 1] ?? "");
}

/**
 * Widens [start, end) to whole words: the start moves back to its word's first character, the end
 * forward to its word's last. A range already on word boundaries (or over punctuation) is unchanged.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s) return { start: s, end: e };
  // Inside a word when the characters on both sides of the edge are word characters.
  while (s > 0 && isWordAt(text, s) && isWordAt(text, s - 1)) s--;
  while (e < text.length && isWordAt(text, e - 1) && isWordAt(text, e)) e++;
  return { start: s, end: e };
}
