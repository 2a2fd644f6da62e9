// A PDF page's text as Folio stores it: escaped paragraphs (docs/decisions/0026). Plain
// JavaScript so the parse worker (pdf-worker.mjs) runs it as it is; types: page-text.d.mts.
import { countWords } from "../epub/chapter-html.mjs";

// NUL and the other C0/C1 controls (tab and newline aside) mean nothing in running text, and
// Postgres refuses NUL in a text column.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g;

/** The text without control characters or lone surrogates, whitespace runs made one space. */
export function cleanText(text) {
  return text.toWellFormed().replace(CONTROLS, "").replace(/\s+/g, " ");
}

/**
 * Escapes text for element content the way the chapter sanitizer does (`&`, `<`, `>`), so the
 * in-book search, which matches the stored HTML, finds an apostrophe or a quote as typed.
 */
export function escapeText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Groups the runs into lines (a run with hasEOL ends one) and the lines into paragraphs: a new
 * paragraph starts where the gap to the previous line is clearly wider than the page's usual line
 * spacing. At most `maxChars` characters are kept.
 */
export function paragraphsOf(runs, maxChars) {
  const lines = [];
  let current = { text: "", y: null, size: 0 };
  const endLine = () => {
    const text = current.text.trim();
    if (text) lines.push({ text, y: current.y, size: current.size });
    current = { text: "", y: null, size: 0 };
  };
  for (const run of runs) {
    const str = typeof run.str === "string" ? run.str : "";
    if (str) {
      const y = Array.isArray(run.transform) && Number.isFinite(run.transform[5]) ? run.transform[5] : null;
      if (current.y === null) current.y = y;
      current.size = Math.max(current.size, Number.isFinite(run.height) ? Math.abs(run.height) : 0);
      current.text += str;
    }
    if (run.hasEOL) endLine();
  }
  endLine();

  const gaps = [];
  for (let i = 1; i < lines.length; i++) {
    const { y } = lines[i];
    const prev = lines[i - 1].y;
    if (y !== null && prev !== null && prev > y) gaps.push(prev - y);
  }
  gaps.sort((a, b) => a - b);
  // The page's usual line spacing; on a page with few lines, the usual leading for the type size.
  const median = gaps.length >= 5 ? gaps[Math.floor(gaps.length / 2)] : null;
  const usualAfter = (line) => median ?? 1.2 * (line.size || 12);

  const paragraphs = [];
  let chars = 0;
  let text = "";
  const push = () => {
    if (text) paragraphs.push(text);
    chars += text.length;
    text = "";
  };
  for (const [i, line] of lines.entries()) {
    const prev = lines[i - 1];
    const gap = prev && prev.y !== null && line.y !== null ? prev.y - line.y : 0;
    // A wide gap, a line above the previous one (a new column), or a change of type size.
    if (prev && (gap > usualAfter(prev) * 1.3 || gap < 0 || (line.size && prev.size && Math.abs(line.size - prev.size) > 1))) push();
    // A word broken at a line end with a hyphen is joined again: "rab-" + "bit" is "rabbit", while
    // "anti-" + "Victorian" keeps its hyphen.
    const broken = /\p{L}-$/u.test(text);
    const joined = broken && /^\p{Ll}/u.test(line.text) ? text.slice(0, -1) + line.text : broken && /^[\p{Lu}\p{N}]/u.test(line.text) ? text + line.text : text ? `${text} ${line.text}` : line.text;
    text = cleanText(joined);
    if (chars + text.length >= maxChars) {
      text = text.slice(0, Math.max(0, maxChars - chars));
      push();
      return paragraphs;
    }
  }
  push();
  return paragraphs;
}

/** The page as stored: one `<p>` per paragraph, escaped; its plain text and word count. */
export function pageHtml(runs, maxChars) {
  const paragraphs = paragraphsOf(runs, maxChars);
  const text = paragraphs.join("\n");
  return { html: paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join("\n"), text, wordCount: countWords(text) };
}
