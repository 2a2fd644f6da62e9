import { readFileSync } from "node:fs";
import JSZip from "jszip";

// Small EPUBs built in memory for tests, valid unless a test makes them otherwise.

export const DEMO_BOOKS_DIR = "/work/shared/books";

export function demoBook(name: "alice-in-wonderland" | "pride-and-prejudice" | "adventures-of-sherlock-holmes" | "war-and-peace"): Buffer {
  try {
    return readFileSync(`prisma/demo-books/${name}.epub`);
  } catch {
    return readFileSync(`${DEMO_BOOKS_DIR}/${name}.epub`);
  }
}

export const CONTAINER = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

export function chapterXhtml(title: string, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>${title}</title><link rel="stylesheet" href="style.css"/></head>
<body><h1>${title}</h1>${body}</body></html>`;
}

export function opf(options: { title?: string; manifest?: string; spine?: string; metadata?: string } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:test</dc:identifier>
    <dc:title>${options.title ?? "A Tiny Book"}</dc:title>
    <dc:creator>Ada Writer</dc:creator>
    <dc:language>en</dc:language>
    ${options.metadata ?? ""}
  </metadata>
  <manifest>
    ${options.manifest ?? `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
    <item id="pic" href="images/pic.png" media-type="image/png" properties="cover-image"/>`}
  </manifest>
  <spine>${options.spine ?? `<itemref idref="c1"/><itemref idref="c2"/>`}</spine>
</package>`;
}

export const NAV = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
<body><nav epub:type="toc"><ol>
  <li><a href="one.xhtml">One</a></li>
  <li><a href="two.xhtml">Two</a><ol><li><a href="two.xhtml#later">Later on</a></li></ol></li>
</ol></nav></body></html>`;

// A 1×1 PNG.
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

export type EpubFiles = Record<string, string | Uint8Array | null>;

/** The files of a valid two-chapter EPUB 3; pass overrides (null removes a file). */
export function epubFiles(overrides: EpubFiles = {}): EpubFiles {
  return {
    mimetype: "application/epub+zip",
    "META-INF/container.xml": CONTAINER,
    "OEBPS/content.opf": opf(),
    "OEBPS/nav.xhtml": NAV,
    "OEBPS/one.xhtml": chapterXhtml("One", `<p>First chapter, with <a href="two.xhtml#later">a link</a>.</p><p><img src="images/pic.png" alt="pic"/></p>`),
    "OEBPS/two.xhtml": chapterXhtml("Two", `<p>Second chapter.</p><p id="later">Later on.</p>`),
    "OEBPS/style.css": "p { margin: 0 }",
    "OEBPS/images/pic.png": PNG,
    ...overrides,
  };
}

export async function zipFiles(files: EpubFiles, compression: "STORE" | "DEFLATE" = "DEFLATE"): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) {
    if (content !== null) zip.file(name, content, name === "mimetype" ? { compression: "STORE" } : undefined);
  }
  return zip.generateAsync({ type: "nodebuffer", compression });
}

export function buildEpub(overrides: EpubFiles = {}): Promise<Buffer> {
  return zipFiles(epubFiles(overrides));
}

/**
 * Rewrites the uncompressed size that the zip declares for `name`, in the central directory and
 * the local header, as a zip bomb or a lying archive would.
 */
export function patchDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (let i = 0; i < out.length - 46; i++) {
    const signature = out.readUInt32LE(i);
    if (signature === 0x02014b50 && out.readUInt16LE(i + 28) === nameBytes.length && out.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes)) {
      out.writeUInt32LE(size, i + 24);
    }
    if (signature === 0x04034b50 && out.readUInt16LE(i + 26) === nameBytes.length && out.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes)) {
      out.writeUInt32LE(size, i + 22);
    }
  }
  return out;
}
