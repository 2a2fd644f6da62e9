import "server-only";
import { createWriteStream } from "node:fs";
import PDFDocument from "pdfkit";

// Writes a book as a PDF with a real text layer and an outline: the demo PDF that the seed makes
// from a public-domain EPUB (lib/publications/seed-demo-books.ts), and the benchmark's PDFs.
// Only the PDF's standard fonts are used, so nothing is embedded and the output is small.

export type BookPdfSection = { title: string; paragraphs: string[]; children?: BookPdfSection[] };
export type BookPdf = { title: string; author: string; subject?: string; sections: BookPdfSection[] };

function write(doc: PDFKit.PDFDocument, book: BookPdf) {
  doc.font("Times-Bold").fontSize(26).text(book.title, { align: "center" });
  doc.moveDown().font("Times-Roman").fontSize(16).text(book.author, { align: "center" });
  const section = (s: BookPdfSection, parent: PDFKit.PDFOutline, level: number) => {
    if (level === 0) doc.addPage();
    else doc.moveDown();
    const item = parent.addItem(s.title);
    doc.font("Times-Bold").fontSize(level === 0 ? 18 : 14).text(s.title);
    doc.moveDown(0.5).font("Times-Roman").fontSize(11);
    for (const p of s.paragraphs) doc.text(p, { align: "justify", paragraphGap: 6 });
    for (const child of s.children ?? []) section(child, item, level + 1);
  };
  for (const s of book.sections) section(s, doc.outline, 0);
  doc.end();
}

function open(book: BookPdf): PDFKit.PDFDocument {
  return new PDFDocument({
    size: "A5",
    margins: { top: 48, bottom: 48, left: 44, right: 44 },
    // A fixed date keeps the bytes (and so the stored file's hash) the same from run to run.
    info: { Title: book.title, Author: book.author, CreationDate: new Date("2026-01-01T00:00:00Z"), ...(book.subject ? { Subject: book.subject } : {}) },
  });
}

/** The book as PDF bytes. */
export function bookPdfBytes(book: BookPdf): Promise<Buffer> {
  const doc = open(book);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    write(doc, book);
  });
}

/** The book written to `path`, streamed. */
export function writeBookPdf(book: BookPdf, path: string): Promise<void> {
  const doc = open(book);
  const out = createWriteStream(path, { mode: 0o600 });
  return new Promise((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    doc.on("error", reject);
    doc.pipe(out);
    write(doc, book);
  });
}
