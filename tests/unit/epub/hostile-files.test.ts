import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { AppError } from "@/lib/errors";
import { parseEpub } from "@/lib/publications/epub/parse-epub";
import { DEFAULT_EPUB_LIMITS } from "@/lib/publications/epub/limits";
import { buildEpub, chapterXhtml, opf, patchDeclaredSize, zipFiles, epubFiles } from "@/tests/support/epub";

async function refusal(data: Buffer | Promise<Buffer>, limits = DEFAULT_EPUB_LIMITS): Promise<AppError> {
  const error = await parseEpub(await data, { slug: "t", limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("EPUB files Folio refuses", () => {
  it("accepts the well-formed test book these cases start from", async () => {
    const book = await parseEpub(await buildEpub(), { slug: "t" });
    expect(book.chapters).toHaveLength(2);
    expect(book.coverPath).toBe("OEBPS/images/pic.png");
  });

  it("refuses a file that is not a zip", async () => {
    const error = await refusal(Buffer.from("%PDF-1.7 this is not an EPUB at all"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toMatch(/not a zip archive/);
  });

  it("refuses a zip without META-INF/container.xml", async () => {
    const error = await refusal(buildEpub({ "META-INF/container.xml": null }));
    expect(error.message).toMatch(/META-INF\/container\.xml is missing/);
  });

  it("refuses a container that names a missing OPF", async () => {
    expect((await refusal(buildEpub({ "OEBPS/content.opf": null }))).message).toMatch(/package document .* is missing/);
  });

  it("refuses a spine item that is not in the zip", async () => {
    expect((await refusal(buildEpub({ "OEBPS/two.xhtml": null }))).message).toMatch(/spine lists "OEBPS\/two\.xhtml", which is missing/);
  });

  it("refuses zip entries that climb out of the book (zip slip)", async () => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(epubFiles())) zip.file(name, content!);
    zip.file("../../etc/cron.d/evil", "* * * * * root sh");
    const error = await refusal(zip.generateAsync({ type: "nodebuffer" }));
    expect(error.message).toMatch(/file path that leaves the book/);
  });

  it("refuses manifest paths that climb out of the book or are absolute", async () => {
    for (const href of ["../../secret.xhtml", "/etc/passwd"]) {
      const manifest = `<item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/><item id="x" href="${href}" media-type="application/xhtml+xml"/>`;
      const error = await refusal(buildEpub({ "OEBPS/content.opf": opf({ manifest, spine: `<itemref idref="c1"/>` }) }));
      expect(error.message).toMatch(/outside the book/);
    }
  });

  it("refuses DRM: encryption.xml with encrypted content, or rights.xml", async () => {
    const encryption = `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
      <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
      <ds:KeyInfo><ds:KeyName>adept</ds:KeyName></ds:KeyInfo>
      <enc:CipherData><enc:CipherReference URI="OEBPS/one.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`;
    expect((await refusal(buildEpub({ "META-INF/encryption.xml": encryption }))).message).toMatch(/encrypted \(DRM-protected\)/);
    expect((await refusal(buildEpub({ "META-INF/rights.xml": "<rights/>" }))).message).toMatch(/DRM/);
  });

  it("accepts font obfuscation, which is not DRM, and leaves the mangled font out", async () => {
    const encryption = `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
      <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
      <enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const manifest = `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/>
      <item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/><item id="f" href="font.otf" media-type="font/otf"/>`;
    const book = await parseEpub(await buildEpub({ "META-INF/encryption.xml": encryption, "OEBPS/font.otf": "garbage", "OEBPS/content.opf": opf({ manifest }) }), { slug: "t" });
    expect(book.assets.map((a) => a.path)).not.toContain("OEBPS/font.otf");
  });

  it("refuses a zip bomb by its declared sizes, before inflating anything", async () => {
    // 30 MB of zeros deflates to about 30 KB: a ratio near 1000.
    const bomb = await buildEpub({ "OEBPS/zeros.txt": new Uint8Array(30 * 1024 * 1024) });
    expect((await refusal(bomb)).message).toMatch(/zip bomb/);
    // A header that declares 4 GB for one small entry.
    const huge = patchDeclaredSize(await buildEpub(), "OEBPS/two.xhtml", 0xfffffff0);
    expect((await refusal(huge)).message).toMatch(/zip bomb/);
  });

  it("stops inflating an entry that grows past the size it declared", async () => {
    const big = `<p>${"All work and no play. ".repeat(200_000)}</p>`;
    const lying = patchDeclaredSize(await buildEpub({ "OEBPS/two.xhtml": chapterXhtml("Two", big) }), "OEBPS/two.xhtml", 1000);
    expect((await refusal(lying)).message).toMatch(/zip bomb/);
  });

  it("refuses a file above the upload limit", async () => {
    const error = await refusal(buildEpub(), { ...DEFAULT_EPUB_LIMITS, maxCompressedBytes: 1000 });
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses an OPF that is not well-formed XML", async () => {
    expect((await refusal(buildEpub({ "OEBPS/content.opf": "<package><metadata>" }))).message).toMatch(/not well-formed XML/);
  });

  it("refuses an OPF that declares entities (XXE, SYSTEM entities) with a 422, not a 500", async () => {
    const xxe = opf().replace('<?xml version="1.0" encoding="utf-8"?>', `<?xml version="1.0"?><!DOCTYPE package [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`).replace("A Tiny Book", "&xxe;");
    const error = await refusal(buildEpub({ "OEBPS/content.opf": xxe }));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^The package document \(OPF\) in this EPUB declares its own entities .*, so it was not accepted\.$/);
    const laughs = opf().replace('<?xml version="1.0" encoding="utf-8"?>', `<!DOCTYPE package [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`);
    expect((await refusal(buildEpub({ "OEBPS/content.opf": laughs }))).message).toMatch(/declares its own entities/);
  });

  it("refuses an OPF nested 60,000 deep with a 422, not a 500", async () => {
    const deep = opf({ metadata: `${"<x>".repeat(60_000)}${"</x>".repeat(60_000)}` });
    const error = await refusal(zipFiles(epubFiles({ "OEBPS/content.opf": deep }), "STORE"));
    expect(error.status).toBe(422);
    expect(error.message).toBe("The package document (OPF) in this EPUB is nested too deeply (more than 256 elements inside one another), so it was not accepted.");
  });

  it("still accepts an NCX with a public DOCTYPE (no internal subset), as EPUB 2 books have", async () => {
    const ncx = `<?xml version="1.0"?><!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">
      <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
      <navPoint id="a"><navLabel><text>First</text></navLabel><content src="one.xhtml"/></navPoint></navMap></ncx>`;
    const manifest = `<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/>`;
    const files = { "OEBPS/toc.ncx": ncx, "OEBPS/nav.xhtml": null, "OEBPS/content.opf": opf({ manifest, spine: `<itemref idref="c1"/>` }) };
    expect((await parseEpub(await zipFiles(epubFiles(files)), { slug: "t" })).toc).toEqual([{ title: "First", chapterIndex: 0 }]);
  });

  it("falls back to the NCX when there is no nav document", async () => {
    const ncx = `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
      <navPoint id="a"><navLabel><text>First</text></navLabel><content src="one.xhtml"/>
        <navPoint id="b"><navLabel><text>Inside</text></navLabel><content src="one.xhtml#x"/></navPoint></navPoint>
      <navPoint id="c"><navLabel><text>Second</text></navLabel><content src="two.xhtml"/></navPoint></navMap></ncx>`;
    const manifest = `<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/>
      <item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/><item id="img" href="images/pic.png" media-type="image/png"/>`;
    const files = { "OEBPS/toc.ncx": ncx, "OEBPS/nav.xhtml": null, "OEBPS/content.opf": opf({ manifest, metadata: `<meta name="cover" content="img"/>` }).replace("<spine>", `<spine toc="ncx">`) };
    const book = await parseEpub(await zipFiles(epubFiles(files)), { slug: "t" });
    expect(book.toc).toEqual([
      { title: "First", chapterIndex: 0, children: [{ title: "Inside", chapterIndex: 0, fragment: "x" }] },
      { title: "Second", chapterIndex: 1 },
    ]);
    expect(book.coverPath).toBe("OEBPS/images/pic.png");
  });
});
