// Folding text for search the way the database does (folio_search_words, docs/decisions/0029):
// lower case, no accents, an apostrophe inside a word dropped, every other mark a space. The
// database decides which books and chapters match; this finds where, for snippets.

const WORD = /[\p{L}\p{N}]/u;
const APOSTROPHE = /['\u2019\u02bc\u2018`]/;
// Letters that lose no mark under NFD but that unaccent still folds.
const SPELLED: Record<string, string> = { æ: "ae", œ: "oe", ß: "ss", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h", ŧ: "t" };

function foldChar(c: string): string {
  const lower = c.toLowerCase();
  return SPELLED[lower] ?? lower.normalize("NFD").replace(/\p{M}/gu, "");
}

/** The folded text and, for each of its characters, the index of the character it came from. */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  const chars = Array.from(text);
  let folded = "";
  const map: number[] = [];
  let at = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (WORD.test(c)) {
      for (const f of foldChar(c)) {
        folded += f;
        map.push(at);
      }
    } else if (APOSTROPHE.test(c) && i > 0 && WORD.test(chars[i - 1]!) && i + 1 < chars.length && WORD.test(chars[i + 1]!)) {
      // inside a word: dropped, as in the database
    } else if (!folded.endsWith(" ")) {
      folded += " ";
      map.push(at);
    }
    at += c.length;
  }
  return { folded, map };
}

/** The words of a query, folded; empty when it holds nothing to search for. */
export function foldWords(query: string): string[] {
  return foldWithMap(query).folded.split(" ").filter(Boolean);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A pattern over folded text for the words in a row, the last one as a prefix (it may still be
 * being typed); null for no words.
 */
export function phrasePattern(words: string[]): RegExp | null {
  if (!words.length) return null;
  const parts = words.map((w, i) => `${escape(w)}${i < words.length - 1 ? "(?![\\p{L}\\p{N}])" : ""}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join(" ")}`, "gu");
}

export type TextMatch = { start: number; end: number };

/**
 * Where the words occur in `text` (original indexes): as a phrase; where the phrase never occurs,
 * the longest word alone (the database matched the words apart).
 */
export function findMatches(text: string, words: string[], limit: number): TextMatch[] {
  const { folded, map } = foldWithMap(text);
  const locate = (pattern: RegExp | null) => {
    const found: TextMatch[] = [];
    if (!pattern) return found;
    for (const m of folded.matchAll(pattern)) {
      const last = m.index + m[0].length - 1;
      const lastChar = text.codePointAt(map[last]!) ?? 0;
      found.push({ start: map[m.index]!, end: map[last]! + (lastChar > 0xffff ? 2 : 1) });
      if (found.length >= limit) break;
    }
    return found;
  };
  const phrase = locate(phrasePattern(words));
  if (phrase.length || words.length < 2) return phrase;
  const longest = [...words].sort((a, b) => b.length - a.length)[0]!;
  return locate(phrasePattern([longest]));
}
