import { resolveAnchor } from "./text-anchors";
import type { Annotation } from "./types";

// Highlights live in the chapter's text content: character offsets over its text nodes, in
// document order. Marks only wrap text, so painting never changes those offsets.

const MARK_ATTR = "data-annotation-id";

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** Offset of (container, offset) in root's text content. */
function offsetOf(root: Node, container: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(container, offset);
  return range.toString().length;
}

export function offsetsOfRange(root: Node, range: Range): { start: number; end: number } {
  return { start: offsetOf(root, range.startContainer, range.startOffset), end: offsetOf(root, range.endContainer, range.endOffset) };
}

/** The text node pieces covering [start, end), each as [node, from, to]. */
function pieces(root: Node, start: number, end: number): [Text, number, number][] {
  const out: [Text, number, number][] = [];
  let pos = 0;
  for (const node of textNodes(root)) {
    const len = node.data.length;
    const from = Math.max(start - pos, 0);
    const to = Math.min(end - pos, len);
    if (to > from) out.push([node, from, to]);
    pos += len;
    if (pos >= end) break;
  }
  return out;
}

export function rangeFromOffsets(root: Node, start: number, end: number): Range | null {
  const parts = pieces(root, start, end);
  if (!parts.length) return null;
  const range = document.createRange();
  range.setStart(parts[0]![0], parts[0]![1]);
  const last = parts[parts.length - 1]!;
  range.setEnd(last[0], last[2]);
  return range;
}

export function clearHighlights(root: HTMLElement): void {
  for (const mark of root.querySelectorAll(`mark[${MARK_ATTR}]`)) {
    mark.replaceWith(...mark.childNodes);
  }
  root.normalize();
}

/** Wraps each highlight's text in <mark> elements; returns the ids whose quote is gone. */
export function paintHighlights(root: HTMLElement, annotations: Annotation[]): string[] {
  const text = root.textContent ?? "";
  const lost: string[] = [];
  for (const a of annotations) {
    if (a.kind !== "HIGHLIGHT" || a.startOffset === null || a.endOffset === null) continue;
    const at = resolveAnchor(text, { start: a.startOffset, end: a.endOffset, quote: a.quote ?? "" });
    if (!at) {
      lost.push(a.id);
      continue;
    }
    for (const [node, from, to] of pieces(root, at.start, at.end)) {
      // Whitespace between blocks would draw stray marks; it carries nothing to see anyway.
      if (!node.data.slice(from, to).trim()) continue;
      const target = node.splitText(from);
      target.splitText(to - from);
      const mark = document.createElement("mark");
      mark.setAttribute(MARK_ATTR, a.id);
      mark.className = `folio-hl folio-hl-${a.color ?? "yellow"}${a.note ? " folio-hl-noted" : ""}`;
      target.replaceWith(mark);
      mark.append(target);
    }
  }
  return lost;
}

export function firstMark(root: HTMLElement, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`mark[${MARK_ATTR}="${CSS.escape(id)}"]`);
}

export function markIdAt(target: EventTarget | null): string | null {
  return target instanceof Element ? (target.closest(`mark[${MARK_ATTR}]`)?.getAttribute(MARK_ATTR) ?? null) : null;
}
