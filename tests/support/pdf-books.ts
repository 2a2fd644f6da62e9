// PDFs built for the ingestion tests (the reader tests build theirs with tests/support/pdf.ts).
import PDFDocument from "pdfkit";
import { bookPdfBytes, type BookPdf } from "@/lib/publications/pdf/book-pdf";

// PDFs for tests: well-formed ones from pdfkit (through the same writer the seed uses), hostile
// ones built byte by byte where no generator would make them.

export const SMALL_BOOK: BookPdf = {
  title: "A Small Handbook",
  author: "Ada Writer",
  sections: [
    { title: "Beginnings", paragraphs: ["The first chapter opens with a sentence about rivers & <tags>.", "It's a second paragraph, with an apostrophe."] },
    {
      title: "Middles",
      paragraphs: ["Chapter two talks about bridges."],
      children: [{ title: "Arches", paragraphs: ["Stone arches carry weight sideways."] }],
    },
    { title: "Endings", paragraphs: ["The last chapter is about estuaries."] },
  ],
};

export const smallPdf = () => bookPdfBytes(SMALL_BOOK);

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/** `pages` pages with one line each ("Page text N"). */
export function pagesPdf(pages: number, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A6", info: { Title: "Counted Pages" }, ...options });
  const done = collect(doc);
  for (let i = 1; i <= pages; i++) {
    if (i > 1) doc.addPage();
    doc.text(`Page text ${i}`);
  }
  doc.end();
  return done;
}

/**
 * A PDF whose catalog carries an OpenAction JavaScript action, a JavaScript name tree and a
 * page's open action, each of which would write `marker` if any JavaScript from the file ran in
 * Node (or show an alert in a viewer).
 */
export function scriptedPdf(marker: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A6", info: { Title: "Scripted" } });
  const done = collect(doc);
  const js = `try { require("fs").writeFileSync(${JSON.stringify(marker)}, "ran") } catch (e) { app.alert("ran") }`;
  const action = (data: Record<string, unknown>) => {
    const ref = doc.ref(data);
    ref.end(undefined as never);
    return ref;
  };
  // pdfkit writes a JS String object as a PDF string and a plain string as a name.
  const root = (doc as unknown as { _root: { data: Record<string, unknown> } })._root;
  root.data.OpenAction = action({ Type: "Action", S: "JavaScript", JS: new String(js) });
  root.data.Names = action({ JavaScript: action({ Names: [new String("init"), action({ S: "JavaScript", JS: new String(js) })] }) });
  const page = (doc as unknown as { page: { dictionary: { data: Record<string, unknown> } } }).page;
  page.dictionary.data.AA = action({ O: action({ S: "JavaScript", JS: new String(js) }) });
  doc.text("A page with scripts attached.");
  doc.end();
  return done;
}

/** A one-page PDF whose Pages tree declares `count` pages. */
export function claimedPagesPdf(count: number): Buffer {
  return byteBuiltPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [3 0 R] /Count ${count} >>`,
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    streamObject("BT /F1 12 Tf 20 100 Td (Claimed pages) Tj ET"),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}

function streamObject(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
}

/** Objects 1..n as written, with a correct cross-reference table unless `xref` says otherwise. */
export function byteBuiltPdf(objects: string[], options: { xref?: "correct" | "wrong-offsets" | "missing" } = {}): Buffer {
  let body = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, "latin1");
  const shift = options.xref === "wrong-offsets" ? 37 : 0;
  if (options.xref !== "missing") {
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) body += `${String(offset + shift).padStart(10, "0")} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt + shift * 3}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A two-page PDF with text, as `byteBuiltPdf` writes it. */
export function twoPagePdf(xref: "correct" | "wrong-offsets" | "missing" = "correct"): Buffer {
  return byteBuiltPdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
      streamObject("BT /F1 12 Tf 20 200 Td (Recovered first page) Tj ET"),
      streamObject("BT /F1 12 Tf 20 200 Td (Recovered second page) Tj ET"),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ],
    { xref },
  );
}

/** `count` pages sharing one content stream: a real page tree of that size in a few hundred KB. */
export function manyPagesPdf(count: number): Buffer {
  const first = 5;
  const kids = Array.from({ length: count }, (_, i) => `${first + i} 0 R`).join(" ");
  const page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>";
  return byteBuiltPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    streamObject("BT /F1 12 Tf 20 100 Td (One of many pages) Tj ET"),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ...Array.from({ length: count }, () => page),
  ]);
}

/** A one-page PDF with XMP metadata (a title, two creators) and, if `info`, an Info dictionary that says otherwise. */
export function xmpPdf(info: boolean): Buffer {
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Botany from the Metadata</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Ann Fern</rdf:li><rdf:li>Bo Sedge</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
  const pdf = byteBuiltPdf([
    "<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    streamObject("BT /F1 12 Tf 20 100 Td (Leaves) Tj ET"),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(xmp, "latin1")} >>\nstream\n${xmp}\nendstream`,
    "<< /Title (Info Title) /Author (Info Author) >>",
  ]);
  // Point the trailer at the Info dictionary (object 7).
  return info ? Buffer.from(pdf.toString("latin1").replace("/Root 1 0 R", "/Root 1 0 R /Info 7 0 R"), "latin1") : pdf;
}
