import { Parser } from "htmlparser2";

// The server's view of a chapter's text as the reader sees it: the text content of the stored
// HTML (every text node in document order, entities decoded, nothing added between blocks), which
// is what highlight offsets count (components/reader/dom-ranges.ts).

export function chapterTextContent(html: string): string {
  const parts: string[] = [];
  const parser = new Parser({ ontext: (text) => void parts.push(text) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return parts.join("");
}

const FOLD: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
  "\u00ad": "", "\u200b": "", "\u2060": "", "\ufeff": "",
};

/**
 * Text folded for matching across editions: runs of whitespace become one space, typographic
 * quotes and dashes their plain forms, soft hyphens and zero-width characters vanish, case is
 * kept. `at[i]` is the offset in the original text of folded character i (and `at[length]` the
 * original length), so a match maps back to the reader's offsets.
 */
export function foldText(text: string): { folded: string; at: number[] } {
  let folded = "";
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (!space) {
        folded += " ";
        at.push(i);
      }
      space = true;
      continue;
    }
    space = false;
    const mapped = FOLD[ch] ?? ch;
    for (const m of mapped) {
      folded += m;
      at.push(i);
    }
  }
  at.push(text.length);
  return { folded, at };
}

/** The folded form of a short string (a quote, a context), trimmed. */
export const foldShort = (text: string) => foldText(text).folded.trim();
