import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { GET as getThumbnail } from "@/app/api/publications/[slug]/cover/[file]/route";
import { POST as postCover } from "@/app/api/admin/publications/[id]/cover/route";
import { prisma } from "@/lib/db";
import { ingestPublication } from "@/lib/publications/ingest";
import { generateBookCover, backfillCovers } from "@/lib/publications/covers/store";
import { coverFileName, COVER_WIDTHS } from "@/lib/publications/covers/sizes";
import { buildEpub, opf } from "@/tests/support/epub";
import { createAdminUser } from "@/tests/support/factories";
import { resetRequestContext, signInAs } from "@/tests/support/request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const base = "http://localhost:3000/api";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const thumb = (slug: string, file: string) => getThumbnail(new Request(`${base}/publications/${slug}/cover/${file}`), params({ slug, file }));

/** A noisy 1200 × 1800 PNG (noise makes a thumbnail about as heavy as a real cover's). */
async function photoCover(): Promise<Buffer> {
  const width = 1200, height = 1800;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const y = Math.floor(i / 3 / width);
    raw[i] = 20 + (y % 40); raw[i + 1] = 60 + ((i * 7) % 50); raw[i + 2] = 140 + ((i * 13) % 60);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="450" viewBox="0 0 300 450"><rect width="300" height="450" fill="#8b1e3f"/><text x="20" y="200" font-size="40" fill="#fff">Title</text></svg>`;

async function bookWithCover(slug: string, cover: { path: string; type: string; data: string | Buffer }, published = true) {
  const manifest = `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/><item id="pic" href="images/pic.png" media-type="image/png"/>
    <item id="cov" href="${cover.path}" media-type="${cover.type}" properties="cover-image"/>`;
  const data = await buildEpub({ "OEBPS/content.opf": opf({ manifest }), [`OEBPS/${cover.path}`]: cover.data });
  return ingestPublication({ data, slug, published });
}

describe("cover thumbnails", () => {
  it("makes WebP and JPEG thumbnails in every width, a placeholder colour, and serves them for a year", async () => {
    const book = await bookWithCover("photo-book", { path: "images/cover.png", type: "image/png", data: await photoCover() });
    const made = (await generateBookCover(book.id))!;
    expect(made.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(made.color).toMatch(/^#[0-9a-f]{6}$/);
    const row = await prisma.publication.findUniqueOrThrow({ where: { id: book.id } });
    expect(row).toMatchObject({ coverHash: made.hash, coverColor: made.color });

    for (const width of COVER_WIDTHS) {
      const response = await thumb("photo-book", coverFileName(made.hash, width, "webp"));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/webp");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const bytes = Buffer.from(await response.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width });
      // The card's thumbnail (320 wide for a 2× screen) stays small.
      if (width <= 320) expect(bytes.length).toBeLessThan(30 * 1024);
    }
    const jpeg = await thumb("photo-book", coverFileName(made.hash, 160, "jpg"));
    expect((await sharp(Buffer.from(await jpeg.arrayBuffer())).metadata()).format).toBe("jpeg");
    // Another hash, a width not made, or a made-up name: not found.
    expect((await thumb("photo-book", coverFileName("0123456789abcdef", 160, "webp"))).status).toBe(404);
    expect((await thumb("photo-book", `${made.hash}-200.webp`)).status).toBe(404);
    expect((await thumb("photo-book", "../../etc/passwd")).status).toBe(404);
  });

  it("rasterises an SVG cover, and keeps an unpublished book's thumbnails for administrators", async () => {
    const book = await bookWithCover("svg-book", { path: "images/cover.svg", type: "image/svg+xml", data: SVG }, false);
    const made = (await generateBookCover(book.id))!;
    const file = coverFileName(made.hash, 640, "webp");
    resetRequestContext();
    expect((await thumb("svg-book", file)).status).toBe(404);
    await signInAs(await createAdminUser());
    const response = await thumb("svg-book", file);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta.width).toBe(640);
    // The dominant colour is near the cover's red (sharp quantises it).
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(made.color.slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(100);
    expect(g! + b!).toBeLessThan(150);
  });

  it("replaces a cover from an uploaded image, refusing what is not an image or decodes too large", async () => {
    const book = await bookWithCover("plain-book", { path: "images/cover.svg", type: "image/svg+xml", data: SVG });
    const first = (await generateBookCover(book.id))!;
    const admin = await createAdminUser();
    await signInAs(admin);
    const post = (body: BodyInit, type: string) => postCover(new Request(`${base}/admin/publications/${book.id}/cover`, { method: "POST", body, headers: { "content-type": type } }), params({ id: book.id }));

    const notImage = await post("<html>not an image</html>", "image/png");
    expect(notImage.status).toBe(422);
    expect((await notImage.json()).error.fields.cover).toMatch(/not an image/);
    // 12,000 × 12,000 of one colour: a few hundred KB that would decode to 144 megapixels.
    const bomb = await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: "#fff" } }).png({ compressionLevel: 9 }).toBuffer();
    expect((await post(new Uint8Array(bomb), "image/png")).status).toBe(422);
    expect((await post(new Uint8Array(11 * 1024 * 1024), "image/png")).status).toBe(413);
    expect((await prisma.publication.findUniqueOrThrow({ where: { id: book.id } })).coverHash).toBe(first.hash);

    const ok = await post(new Uint8Array(await photoCover()), "image/png");
    expect(ok.status).toBe(200);
    const { hash } = await ok.json();
    expect(hash).not.toBe(first.hash);
    const row = await prisma.publication.findUniqueOrThrow({ where: { id: book.id } });
    expect(row.coverHash).toBe(hash);
    expect(row.coverPath).toMatch(/^folio-cover\/[0-9a-f]{16}\.png$/);
    // The old thumbnails are gone; the new ones are served.
    expect((await thumb("plain-book", coverFileName(first.hash, 160, "webp"))).status).toBe(404);
    expect((await thumb("plain-book", coverFileName(hash, 160, "webp"))).status).toBe(200);
  });

  it("backfills books that have a cover image but no thumbnails", async () => {
    await ingestPublication({ data: await buildEpub(), slug: "tiny-one", published: true });
    await bookWithCover("svg-two", { path: "images/cover.svg", type: "image/svg+xml", data: SVG });
    await bookWithCover("broken-cover", { path: "images/cover.png", type: "image/png", data: Buffer.from("not a png at all") });
    const result = await backfillCovers();
    expect(result).toEqual({ made: 2, failed: [{ slug: "broken-cover", reason: expect.stringMatching(/not an image/) }] });
    expect(await prisma.publication.count({ where: { coverHash: null } })).toBe(1);
    // A cover that could not be used is not tried again on every run.
    expect(await backfillCovers()).toEqual({ made: 0, failed: [] });
  });
});
