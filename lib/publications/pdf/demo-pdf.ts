import "server-only";
import { readFile } from "node:fs/promises";
import { htmlToText } from "@/lib/publications/epub/sanitize";
import { parseEpub } from "@/lib/publications/epub/parse-epub";
import type { BookPdf } from "@/lib/publications/pdf/book-pdf";

// The demo PDF (issue 13, item 7): a public-domain EPUB from prisma/demo-books set as a PDF with
// a real text layer and an outline, made by the seed so that a fresh install shows a PDF too.

const BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote|pre|tr|dt|dd|figcaption|header|footer|section|div)>|<br\s*\/?>/i;

/**
 * Invisible formatting characters (word joiner, zero-width space, soft hyphen...): the PDF's
 * standard fonts have no glyph for them, and they came out as a stray "`" before a dash.
 */
const INVISIBLE = /\p{Cf}/gu;

/** The chapter's paragraphs as plain text. */
export function paragraphsOfHtml(html: string): string[] {
  return html
    .split(BLOCK_END)
    .map((part) => htmlToText(part).replace(INVISIBLE, "").replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** The EPUB at `path` as a book for writeBookPdf: a section per chapter, titled from its TOC. */
export async function bookPdfFromEpub(path: string, options: { title: string; subject: string }): Promise<BookPdf> {
  const parsed = await parseEpub(await readFile(path), { slug: "demo-pdf" });
  return {
    title: options.title,
    author: parsed.metadata.author,
    subject: options.subject,
    sections: parsed.chapters.map((chapter) => {
      const paragraphs = paragraphsOfHtml(chapter.html);
      // The chapter's own heading ("I", "Down the Rabbit-Hole") is the section title; it is not repeated.
      const title = chapter.title.toLowerCase();
      while (paragraphs[0] && paragraphs[0].length < 120 && title.includes(paragraphs[0].toLowerCase())) paragraphs.shift();
      return { title: chapter.title, paragraphs };
    }),
  };
}
