// A generated textbook-sized PDF for the library benchmark: `pages` A4 pages of real prose (Pride
// and Prejudice's words, from the demo EPUB), about 380 words a page, an outline entry every ten
// pages. Written by pdfkit, so it has a real text layer. With `figures`, every page also has a
// photograph-like figure (a JPEG of noise, which does not compress, about 70 KB), so the file has
// a textbook's weight (tens of megabytes) and the reader has to fetch it by ranges.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import PDFDocument from "pdfkit";
import sharp from "sharp";
import { htmlToText } from "@/lib/publications/epub/sanitize";
import { parseEpub } from "@/lib/publications/epub/parse-epub";

function figure(): Promise<Buffer> {
  const [width, height] = [480, 300];
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 70 }).toBuffer();
}

export async function writeBenchPdf(path: string, pages: number, options: { figures?: boolean } = {}): Promise<{ bytes: number }> {
  const epub = await parseEpub(await readFile("prisma/demo-books/pride-and-prejudice.epub"), { slug: "bench" });
  const words = epub.chapters.flatMap((c) => htmlToText(c.html).split(/\s+/).filter(Boolean));
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `Bench Textbook, ${pages} pages${options.figures ? ", with figures" : ""}`, Author: "Folio Bench" }, autoFirstPage: false });
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
    const count = options.figures ? 200 : 380;
    const start = (page * 380) % Math.max(1, words.length - 400);
    doc.font("Times-Roman").fontSize(11).text(words.slice(start, start + count).join(" "), { align: "justify", height: options.figures ? 380 : 700 });
    if (options.figures) doc.moveDown().image(await figure(), { width: 360 });
  }
  doc.end();
  await finished;
  return { bytes: (await stat(path)).size };
}
