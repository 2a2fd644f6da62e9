// Zoom for the PDF reader: "fit width", "fit page" or a percentage, where 100% shows a page at its
// printed size (a PDF point is 1/72 inch, a CSS pixel 1/96). Pure: tested in tests/unit.

export type Zoom = { kind: "fit-width" } | { kind: "fit-page" } | { kind: "percent"; value: number };

export const PERCENTS = [50, 75, 100, 125, 150, 200, 300, 400] as const;
export const MIN_PERCENT = 25;
export const MAX_PERCENT = 500;
const CSS_PER_POINT = 96 / 72;

/** Room the page may take: the reading area less a margin around the page. */
export type Area = { width: number; height: number };

/** pdf.js viewport scale (CSS pixels per PDF point) for a page of `page` points in `area`. */
export function scaleFor(zoom: Zoom, page: { width: number; height: number }, area: Area): number {
  if (zoom.kind === "percent") return (clampPercent(zoom.value) / 100) * CSS_PER_POINT;
  const byWidth = Math.max(area.width, 100) / page.width;
  if (zoom.kind === "fit-width") return byWidth;
  return Math.min(byWidth, Math.max(area.height, 100) / page.height);
}

export const clampPercent = (value: number) => Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, Math.round(value)));

/** The percentage a scale shows (for the toolbar and for stepping from a fit mode). */
export const percentOf = (scale: number) => Math.round((scale / CSS_PER_POINT) * 100);

/** One step in or out from the current scale, to the next listed percentage. */
export function stepZoom(scale: number, direction: 1 | -1): Zoom {
  const now = percentOf(scale);
  const next = direction > 0 ? PERCENTS.find((p) => p > now) ?? MAX_PERCENT : [...PERCENTS].reverse().find((p) => p < now) ?? MIN_PERCENT;
  return { kind: "percent", value: next };
}

/** Parses a zoom as stored on the device ("fit-width", "fit-page", "125"). */
export function parseZoom(value: string | null): Zoom | null {
  if (value === "fit-width" || value === "fit-page") return { kind: value };
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? { kind: "percent", value: clampPercent(n) } : null;
}

export const zoomKey = (zoom: Zoom) => (zoom.kind === "percent" ? String(zoom.value) : zoom.kind);
