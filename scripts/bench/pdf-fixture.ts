// A generated textbook-sized PDF for the library benchmark: `pages` A4 pages of real prose (Pride
// and Prejudice's words, from the demo EPUB), about 380 words a page, an outline entry every ten
// pages. Written by pdfkit, so it has a real text layer.
import { createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import PDFDocument from "pdfkit";
import { htmlToText } from "@/lib/publications/epub/sanitize";
import { parseEpub } from "@/lib/publications/epub/parse-epub";

export async function writeBenchPdf(path: string, pages: number): Promise<{ bytes: number }> {
  const epub = await parseEpub(await readFile("prisma/demo-books/pride-and-prejudice.epub"), { slug: "bench" });
  const words = epub.chapters.flatMap((c) => htmlToText(c.html).split(/\s+/).filter(Boolean));
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `Bench Textbook, ${pages} pages`, Author: "Folio Bench" }, autoFirstPage: false });
  const out = createWriteStream(path);
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", () => resolve());
    out.on("error", reject);
  });
  doc.pipe(out);
  let part: PDFKit.PDFOutline | null = null;
  for (let page = 0; page < pages; page++) {
    doc.addPage();
    if (page % 10 === 0) {
      part = doc.outline.addItem(`Part ${page / 10 + 1}`);
      doc.font("Times-Bold").fontSize(16).text(`Part ${page / 10 + 1}`).moveDown(0.5);
    } else if (page % 5 === 0) part?.addItem(`Section ${page + 1}`);
    const start = (page * 380) % Math.max(1, words.length - 400);
    doc.font("Times-Roman").fontSize(11).text(words.slice(start, start + 380).join(" "), { align: "justify", height: 700 });
  }
  doc.end();
  await finished;
  return { bytes: (await stat(path)).size };
}
