import { firstMark, rangeFromOffsets } from "./dom-ranges";
import { scrollToPosition } from "./use-progress";
import type { Target } from "./types";
import { bookElementId } from "@/lib/publications/urls";

const FLASH_MS = 1600;

/** The n-th match of the words of `query` in the chapter's text, whatever whitespace separates them. */
export function findText(root: HTMLElement, query: string, occurrence: number): Range | null {
  const words = query.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return null;
  const pattern = new RegExp(words.join("\\s+"), "giu");
  const text = root.textContent ?? "";
  let n = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (n++ === occurrence) return rangeFromOffsets(root, m.index, m.index + m[0].length);
  }
  return null;
}

/** Shows a found passage without touching the DOM (CSS Custom Highlight API, where the browser has it). */
function flashRange(range: Range) {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  const HighlightClass = (globalThis as unknown as { Highlight?: new (r: Range) => unknown }).Highlight;
  if (!registry || !HighlightClass) return;
  registry.set("folio-found", new HighlightClass(range));
  setTimeout(() => registry.delete("folio-found"), FLASH_MS * 2);
}

/** A book's #fragment: its ids carry the bk- prefix (chapters stored before it came have bare ids). */
function fragmentElement(root: HTMLElement, fragment: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[id="${CSS.escape(bookElementId(fragment))}"]`) ?? root.querySelector<HTMLElement>(`[id="${CSS.escape(fragment)}"]`);
}

export function scrollToTarget(root: HTMLElement, target: Target): void {
  if (target.kind === "position") return scrollToPosition(root, target.value);
  if (target.kind === "top") return window.scrollTo({ top: 0, behavior: "instant" });
  if (target.kind === "text") {
    const range = findText(root, target.query, target.occurrence);
    if (!range) return;
    range.startContainer.parentElement?.scrollIntoView({ block: "center", behavior: "instant" });
    return flashRange(range);
  }
  const element = target.kind === "fragment" ? fragmentElement(root, target.id) : firstMark(root, target.id);
  if (!element) return;
  element.scrollIntoView({ block: target.kind === "annotation" ? "center" : "start", behavior: "instant" });
  if (target.kind === "annotation") {
    const marks = root.querySelectorAll(`mark[data-annotation-id="${CSS.escape(target.id)}"]`);
    marks.forEach((m) => m.classList.add("folio-hl-flash"));
    setTimeout(() => marks.forEach((m) => m.classList.remove("folio-hl-flash")), FLASH_MS);
  }
}
