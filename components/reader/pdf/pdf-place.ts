import { PAGE_ATTR } from "./pdf-text";

// Where the reader is in a PDF: the page under the reading line (a third of the way down the
// window, where eyes rest: the page mostly on screen, not the sliver of the one above) and how far
// down that page the line is, 0..1. Saved as chapterIndex = page - 1 and position, so the place is
// restored on any device whatever its zoom and window height.

/** Pixels taken by the sticky toolbar at the top of the window. */
export const TOOLBAR_PX = 56;

const round = (n: number) => Math.round(Math.min(Math.max(n, 0), 1) * 10_000) / 10_000;

function pages(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(`[${PAGE_ATTR}]`));
}

/** The reading line, in window coordinates. */
const readingLine = () => TOOLBAR_PX + (window.innerHeight - TOOLBAR_PX) / 3;

/** The page under the reading line (binary search: pages are in order top to bottom). */
export function currentPlace(container: HTMLElement): { index: number; position: number; seen: number } | null {
  const list = pages(container);
  if (!list.length) return null;
  const line = readingLine();
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]!.getBoundingClientRect().top <= line) lo = mid;
    else hi = mid - 1;
  }
  const rect = list[lo]!.getBoundingClientRect();
  const height = Math.max(rect.height, 1);
  return {
    index: Number(list[lo]!.getAttribute(PAGE_ATTR)),
    position: round((line - rect.top) / height),
    // How much of the page has been on screen: its end counts once it is above the window's bottom.
    seen: round((window.innerHeight - rect.top) / height),
  };
}

/**
 * Scrolls so the reading line is `position` of the way down page `index`; position 0 (going to a
 * page) puts the page's top just under the toolbar instead.
 */
export function scrollToPlace(container: HTMLElement, index: number, position: number): boolean {
  const page = container.querySelector<HTMLElement>(`[${PAGE_ATTR}="${index}"]`);
  if (!page) return false;
  const top = page.getBoundingClientRect().top + window.scrollY;
  const at = position > 0 ? top + position * page.offsetHeight - readingLine() : top - TOOLBAR_PX - 8;
  window.scrollTo({ top: Math.max(0, at), behavior: "instant" });
  return true;
}

/** Scrolls a range (a search hit, a highlight) to the middle of the window. */
export function scrollToRange(range: Range): void {
  const rect = range.getBoundingClientRect();
  window.scrollTo({ top: Math.max(0, rect.top + window.scrollY - window.innerHeight / 2), behavior: "instant" });
  if (rect.left < 0 || rect.right > window.innerWidth) range.startContainer.parentElement?.scrollIntoView({ inline: "center", block: "nearest", behavior: "instant" });
}
