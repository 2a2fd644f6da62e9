import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata, type Stats } from "sharp";
import { AppError } from "@/lib/errors";
import { COVER_FORMATS, COVER_WIDTHS, type CoverFormat } from "./sizes";

// Cover thumbnails: made once (at upload, on a cover change, or by the backfill command), in the
// widths the pages ask for, as WebP and JPEG. sharp decodes in libuv's thread pool, so the event
// loop stays free; every decode is capped in pixels so a tiny file cannot expand into gigabytes.

/** Most pixels a cover image may decode to (a 6000 × 8000 scan passes; a decompression bomb does not). */
export const MAX_COVER_PIXELS = 50_000_000;
/** Largest cover source accepted (an uploaded image or the EPUB's cover). */
export const MAX_COVER_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(["jpeg", "png", "webp", "gif", "svg", "avif", "tiff"]);

export type CoverImage = { width: number; format: CoverFormat; bytes: Buffer };
export type CoverThumbnails = { hash: string; color: string; images: CoverImage[] };

const badImage = (message: string) => new AppError("BAD_INPUT", message, { fields: { cover: message } });

const hex = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, "0");

/** Reads and checks an image's header: its format must be one Folio turns into covers. */
export async function coverMetadata(source: Uint8Array): Promise<Metadata> {
  if (source.byteLength === 0) throw badImage("Choose an image for the cover.");
  if (source.byteLength > MAX_COVER_BYTES) throw badImage(`A cover image may be at most ${MAX_COVER_BYTES / 1024 / 1024} MB.`);
  let meta: Metadata;
  try {
    meta = await sharp(source, { limitInputPixels: MAX_COVER_PIXELS }).metadata();
  } catch {
    throw badImage("That file is not an image Folio can read (use JPEG, PNG, WebP, GIF or SVG).");
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw badImage("Use a JPEG, PNG, WebP, GIF or SVG image for the cover.");
  if (!meta.width || !meta.height) throw badImage("That image has no size.");
  if (meta.width * meta.height > MAX_COVER_PIXELS) throw badImage("That image has too many pixels; use one under 50 megapixels.");
  return meta;
}

/**
 * Makes the cover's thumbnails: every width in COVER_WIDTHS (never enlarged past the source), as
 * WebP and JPEG, plus the dominant colour shown while one loads. The hash names them: it covers
 * the source bytes and the sizes, so new thumbnails always get new URLs.
 */
export async function makeCoverThumbnails(source: Uint8Array): Promise<CoverThumbnails> {
  const meta = await coverMetadata(source);
  // A vector cover is rasterised at a density that gives the largest width directly.
  const density = meta.format === "svg" ? Math.min(72 * 8, Math.max(72, Math.ceil((72 * COVER_WIDTHS.at(-1)!) / meta.width!))) : undefined;
  // Decoded (or rasterised) once, at the largest width; every thumbnail comes from that raster.
  let base: { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };
  try {
    const { data, info } = await sharp(source, { limitInputPixels: MAX_COVER_PIXELS, density, failOn: "error" })
      .rotate()
      .resize({ width: COVER_WIDTHS.at(-1)!, withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    base = { data, info: { width: info.width, height: info.height, channels: info.channels } };
  } catch {
    throw badImage("That image could not be decoded.");
  }
  const raster = () => sharp(base.data, { raw: base.info });
  const stats: Stats = await raster().stats();
  const color = `#${hex(stats.dominant.r)}${hex(stats.dominant.g)}${hex(stats.dominant.b)}`;
  const images: CoverImage[] = [];
  for (const width of COVER_WIDTHS) {
    const resized = raster().resize({ width, withoutEnlargement: true });
    for (const format of COVER_FORMATS) {
      const bytes = format === "webp"
        ? await resized.clone().webp({ quality: 58, effort: 5, smartSubsample: true }).toBuffer()
        : await resized.clone().jpeg({ quality: 70, mozjpeg: true, progressive: true }).toBuffer();
      images.push({ width, format, bytes });
    }
  }
  const hash = createHash("sha256").update(source).update(`|${COVER_WIDTHS.join(",")}|v1`).digest("hex").slice(0, 16);
  return { hash, color, images };
}
