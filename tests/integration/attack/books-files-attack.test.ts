import { describe, expect, it } from "vitest";
import { POST as postImport } from "@/app/api/admin/publications/imports/route";
import { POST as postImportFiles } from "@/app/api/admin/publications/imports/[id]/files/route";
import { POST as postCover } from "@/app/api/admin/publications/[id]/cover/route";
import { GET as getFile } from "@/app/api/publications/[slug]/file/route";
import { GET as getThumb } from "@/app/api/publications/[slug]/cover/[file]/route";
import { GET as getPdfjs } from "@/app/api/pdfjs/[version]/[...path]/route";
import { prisma } from "@/lib/db";
import { pdfjsVersion } from "@/lib/publications/pdf-viewer/pdfjs-assets";
import { createAdminUser, createPlan, createUser, grantPlan } from "@/tests/support/factories";
import { streamingPost } from "@/tests/support/counting-body";
import { createPdfPublication } from "@/tests/support/pdf";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";

// Attacks on the book-file, cover, pdf.js and import URLs with real Request objects: who may
// call them, what hostile headers and paths get, and that nothing is read before the check.

const origin = "http://localhost:3000";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const file = (slug: string, headers: Record<string, string> = {}) => getFile(new Request(`${origin}/api/publications/${slug}/file`, { headers }), params({ slug }));

describe("book file under hostile Range headers", () => {
  it("never answers with bytes outside the file, whatever the range says", async () => {
    const { publication: book } = await createPdfPublication({ slug: "ranged", isFree: true });
    const size = (await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: book.id } })).size;
    const cases: [string, number][] = [
      ["bytes=-1", 206], [`bytes=0-${"9".repeat(40)}`, 200], ["bytes=-99999999999999", 206], ["bytes=--5", 200], ["bytes=5-4", 200],
      ["bytes=0-1,2-3", 200], ["bytes=0-0,-1", 200], [`bytes=${size}-`, 416], ["bytes=-0", 416], ["bytes=1e3-2e3", 200],
      ["items=0-10", 200], ["bytes=0x10-0x20", 200], ["bytes= 0 - 9 ", 206], [`bytes=${" ".repeat(100_000)}0-1`, 206],
    ];
    for (const [range, status] of cases) {
      const response = await file("ranged", { range });
      expect(response.status, range.slice(0, 40)).toBe(status);
      if (status === 416) {
        expect(response.headers.get("content-range")).toBe(`bytes */${size}`);
        continue;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(Number(response.headers.get("content-length")));
      expect(bytes.length).toBeLessThanOrEqual(size);
      if (status === 206) expect(response.headers.get("content-range")).toMatch(new RegExp(`^bytes \\d+-\\d+/${size}$`));
    }
    // If-Range: a weak tag, a date, a list: the whole file, never a range of another version.
    for (const ifRange of ['W/"x"', "Wed, 21 Oct 2015 07:28:00 GMT", "*", `"a", "b"`]) {
      expect((await file("ranged", { range: "bytes=0-9", "if-range": ifRange })).status).toBe(200);
    }
  });

  it("hides an unpublished book's file, cover thumbnails and ranges from readers, even with a plan that names it", async () => {
    const { publication: book } = await createPdfPublication({ slug: "draft-pdf", published: false, isFree: true });
    await prisma.publication.update({ where: { id: book.id }, data: { coverHash: "0123456789abcdef" } });
    const reader = await createUser();
    await grantPlan(reader.id, (await createPlan({ publicationIds: [book.id] })).id);
    await signInAs(reader);
    expect((await file("draft-pdf", { range: "bytes=0-9" })).status).toBe(404);
    const thumb = await getThumb(new Request(`${origin}/api/publications/draft-pdf/cover/0123456789abcdef-240.webp`), params({ slug: "draft-pdf", file: "0123456789abcdef-240.webp" }));
    expect(thumb.status).toBe(404);
    for (const name of ["../../publications/x/y.pdf", "0123456789abcdef-240.webp/..", "0123456789ABCDEF-240.webp", "0123456789abcdef-999.webp", "0123456789abcdef-240.svg"]) {
      expect((await getThumb(new Request(`${origin}/api/publications/ranged/cover/x`), params({ slug: "draft-pdf", file: name }))).status).toBe(404);
    }
  });
});

describe("pdf.js assets path", () => {
  it("answers 404 to traversal in any spelling", async () => {
    const version = await pdfjsVersion();
    for (const path of [["cmaps", "..bcmap"], ["cmaps", "../../package.json"], ["cmaps", "..%2F..%2Fpackage.bcmap"], ["standard_fonts", "..\\..\\x.pfb"], ["cmaps", "a/../../b.bcmap"], ["wasm", "openjpeg.wasm\0.js"], ["legacy", "build", "pdf.worker.min.mjs"]]) {
      const response = await getPdfjs(new Request(`${origin}/api/pdfjs/${version}/x`), params({ version, path }));
      expect(response.status, path.join("/")).toBe(404);
    }
    const odd = await getPdfjs(new Request(`${origin}/api/pdfjs/x/y`), params({ version: `${version}/../..`, path: ["pdf.worker.min.mjs"] }));
    expect(odd.status).toBe(404);
  });
});

describe("import and cover endpoints: who may call them", () => {
  it("refuse visitors, readers and other sites before reading a byte of the body", async () => {
    const admin = await createAdminUser();
    const attempts = async (expected: number) => {
      for (const [handler, url, type, p] of [
        [postImport, `${origin}/api/admin/publications/imports`, "text/csv", {}],
        [postImportFiles, `${origin}/api/admin/publications/imports/x/files`, "application/zip", { id: "x" }],
        [postCover, `${origin}/api/admin/publications/x/cover`, "image/png", { id: "x" }],
      ] as const) {
        const sent = streamingPost(url, 2 * 1024 * 1024, { "content-type": type });
        const response = await (handler as (r: Request, c: unknown) => Promise<Response>)(sent.request, params(p));
        expect(response.status, url).toBe(expected);
        expect(sent.pulled()).toBe(0);
      }
    };
    await attempts(401);
    await signInAs(await createUser());
    await attempts(403);
    await signInAs(admin);
    setRequestHeaders({ origin: "https://evil.example" });
    const crossSite = streamingPost(`${origin}/api/admin/publications/imports`, 1024, { "content-type": "text/plain", origin: "https://evil.example" });
    expect((await postImport(crossSite.request, params({}))).status).toBe(403);
    expect(crossSite.pulled()).toBe(0);
    expect(await prisma.publicationImport.count()).toBe(0);
  });
});
