import PDFDocument from "pdfkit";

// Real PDFs for tests (pdfkit writes a text layer pdf.js can select and search). No server modules:
// end-to-end specs import it too.

export type PdfPage = { text: string; outline?: string };

/**
 * A PDF with one page per entry; an entry's `outline` adds a top-level outline item for its page.
 * `compress: false` leaves content streams as written (a large file, for range requests).
 */
export type PdfOptions = { compress?: boolean; fontSize?: number; size?: "A5" | "A4"; title?: string; author?: string };

export function buildPdf(pages: PdfPage[], options: PdfOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, size: options.size ?? "A5", compress: options.compress ?? true, info: { Title: options.title ?? "Test PDF", Author: options.author ?? "Test Author" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    for (const page of pages) {
      doc.addPage();
      if (page.outline) doc.outline.addItem(page.outline);
      doc.fontSize(options.fontSize ?? 12).text(page.text, { width: options.size === "A4" ? 480 : 340 });
    }
    doc.end();
  });
}
