// The widths cover thumbnails are made in, and their URLs. Shared by the server and the pages
// (no server-only import). A catalog card is 150–200 CSS pixels wide: 240 on a plain screen,
// 480 on a 2× one; the publication page's cover is 240 (480 or 640 on a 2× screen).

export const COVER_WIDTHS = [160, 240, 320, 480, 640] as const;
export type CoverWidth = (typeof COVER_WIDTHS)[number];
export const COVER_FORMATS = ["webp", "jpg"] as const;
export type CoverFormat = (typeof COVER_FORMATS)[number];

/** What a page needs to draw a cover: the thumbnails' hash, and the colour shown while they load. */
export type CoverRef = { hash: string; color: string | null };

/** File name of one thumbnail in its URL and storage key: `<hash>-<width>.<format>`. */
export const coverFileName = (hash: string, width: number, format: CoverFormat) => `${hash}-${width}.${format}`;

export const coverFileKey = (publicationId: string, hash: string, width: number, format: CoverFormat) =>
  `covers/${publicationId}/${coverFileName(hash, width, format)}`;

export const coverImageUrl = (slug: string, hash: string, width: number, format: CoverFormat) =>
  `/api/publications/${encodeURIComponent(slug)}/cover/${coverFileName(hash, width, format)}`;

export const coverSrcSet = (slug: string, cover: CoverRef, format: CoverFormat) =>
  COVER_WIDTHS.map((w) => `${coverImageUrl(slug, cover.hash, w, format)} ${w}w`).join(", ");

/** Parses a thumbnail file name from a URL; null for anything else. */
export function parseCoverFileName(name: string): { hash: string; width: CoverWidth; format: CoverFormat } | null {
  const m = /^([0-9a-f]{16})-(\d{2,4})\.(webp|jpg)$/.exec(name);
  if (!m) return null;
  const width = Number(m[2]) as CoverWidth;
  if (!COVER_WIDTHS.includes(width)) return null;
  return { hash: m[1]!, width, format: m[3] as CoverFormat };
}

/** The cover reference of a publication row, when its thumbnails exist. */
export const coverRefOf = (p: { coverHash: string | null; coverColor: string | null }): CoverRef | null =>
  p.coverHash ? { hash: p.coverHash, color: p.coverColor } : null;
