import { rangeFromOffsets } from "../dom-ranges";
import type { LocateSelection } from "../use-text-selection";

// The PDF's text lives in each page's text layer (transparent spans over the canvas, made by
// pdf.js from the page's text content). A highlight's offsets count characters of that layer's
// text, as a chapter's do for EPUB: same pdf.js, same file, same text on every device; the quote
// finds the place again if a later pdf.js lays the text out differently.

export const PAGE_ATTR = "data-pdf-page";
export const TEXT_LAYER_CLASS = "folio-pdf-text";

/** The page element for a page index. */
export const pageElement = (container: ParentNode, index: number) => container.querySelector<HTMLElement>(`[${PAGE_ATTR}="${index}"]`);

/** Selections are anchored in one page's text layer; one running across pages is not taken. */
export const locatePdfSelection: LocateSelection = (range) => {
  const start = (range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement)?.closest<HTMLElement>(`[${PAGE_ATTR}]`);
  const root = start?.querySelector<HTMLElement>(`.${TEXT_LAYER_CLASS}`);
  if (!start || !root || !root.contains(range.commonAncestorContainer)) return null;
  return { root, chapterIndex: Number(start.getAttribute(PAGE_ATTR)) };
};

/** Every match of the words of `query` in the layer's text, whatever whitespace separates them (or none: PDF text often has none between runs). */
export function findAll(root: HTMLElement, query: string, limit = 200): Range[] {
  const words = query.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return [];
  const pattern = new RegExp(words.join("\\s*"), "giu");
  const text = root.textContent ?? "";
  const out: Range[] = [];
  for (let m = pattern.exec(text); m && out.length < limit; m = pattern.exec(text)) {
    if (!m[0].length) break;
    const range = rangeFromOffsets(root, m.index, m.index + m[0].length);
    if (range) out.push(range);
  }
  return out;
}

type HighlightRegistry = { highlights?: Map<string, unknown> };
type HighlightCtor = new (...ranges: Range[]) => unknown;

/** Shows search hits without touching the text layer (CSS Custom Highlight API, where the browser has it). */
export function showHits(ranges: Range[], current: Range | null): void {
  const registry = (globalThis.CSS as unknown as HighlightRegistry).highlights;
  const HighlightClass = (globalThis as unknown as { Highlight?: HighlightCtor }).Highlight;
  if (!registry || !HighlightClass) return;
  if (ranges.length) registry.set("folio-pdf-hit", new HighlightClass(...ranges));
  else registry.delete("folio-pdf-hit");
  if (current) registry.set("folio-found", new HighlightClass(current));
  else registry.delete("folio-found");
}
