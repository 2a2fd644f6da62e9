"use client";
import { memo, useEffect, useRef, useState } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { clearHighlights, markIdAt, paintHighlights } from "../dom-ranges";
import type { Annotation } from "../types";
import { loadPdfJs } from "./pdfjs";
import { PAGE_ATTR, TEXT_LAYER_CLASS } from "./pdf-text";

export type PageSize = { width: number; height: number };

type Props = {
  doc: PDFDocumentProxy;
  index: number;
  scale: number;
  /** The page's size in PDF points (the first page's until this one is loaded). */
  size: PageSize;
  onSize: (index: number, size: PageSize) => void;
  highlights: Annotation[];
  /** Called when the page's text layer is on screen (again), with the ids of highlights whose text is gone. */
  onText: (index: number, root: HTMLElement, lost: string[]) => void;
  onMarkClick: (id: string, rect: DOMRect) => void;
};

/** Device pixels per CSS pixel for the canvas, capped so a zoomed page stays within memory. */
function outputScale(width: number, height: number): number {
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  const maxPixels = 16 * 1024 * 1024;
  return Math.max(0.5, Math.min(ratio, Math.sqrt(maxPixels / Math.max(width * height, 1))));
}

/**
 * One page: a placeholder of the right size until it comes near the screen, then its canvas and
 * text layer; far from the screen again, the canvas is let go so a 300-page book stays light.
 */
export const PdfPage = memo(function PdfPage({ doc, index, scale, size, onSize, highlights, onText, onMarkClick }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [textReady, setTextReady] = useState(0);
  const latest = useRef({ onSize, onText, highlights });
  useEffect(() => {
    latest.current = { onSize, onText, highlights };
  });

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new IntersectionObserver(([entry]) => setNear(!!entry?.isIntersecting), { rootMargin: "120% 0px" });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const textRoot = textRef.current;
    if (!near || !canvas || !textRoot) return;
    let cancelled = false;
    let renderTask: { cancel: () => void; promise: Promise<unknown> } | null = null;
    let textLayer: { cancel: () => void } | null = null;
    (async () => {
      const [pdfjs, page] = await Promise.all([loadPdfJs(), doc.getPage(index + 1)]);
      if (cancelled) return;
      const natural = page.getViewport({ scale: 1 });
      if (Math.abs(natural.width - size.width) > 0.5 || Math.abs(natural.height - size.height) > 0.5) {
        latest.current.onSize(index, { width: natural.width, height: natural.height });
      }
      const viewport = page.getViewport({ scale });
      const ratio = outputScale(viewport.width, viewport.height);
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      renderTask = page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
      const layer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textRoot, viewport });
      textLayer = layer;
      textRoot.replaceChildren();
      await Promise.all([renderTask.promise, layer.render()]);
      if (!cancelled) setTextReady((n) => n + 1);
    })().catch((error: unknown) => {
      // A cancelled render (scrolled away, zoom changed) is expected; anything else leaves the placeholder.
      if ((error as { name?: string })?.name !== "RenderingCancelledException" && !cancelled) console.warn("PDF page did not render", error);
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
      // Let the browser free the page's pixels.
      canvas.width = 0;
      canvas.height = 0;
      textRoot.replaceChildren();
      setTextReady(0);
    };
  }, [near, doc, index, scale, size.width, size.height]);

  const paintKey = JSON.stringify(highlights.map((h) => [h.id, h.startOffset, h.endOffset, h.color, !!h.note]));
  useEffect(() => {
    const root = textRef.current;
    if (!textReady || !root) return;
    clearHighlights(root);
    latest.current.onText(index, root, paintHighlights(root, latest.current.highlights));
  }, [textReady, paintKey, index]);

  const width = Math.floor(size.width * scale);
  const height = Math.floor(size.height * scale);
  const onClick = (event: React.MouseEvent) => {
    const id = markIdAt(event.target);
    if (id && window.getSelection()?.isCollapsed !== false) onMarkClick(id, (event.target as Element).closest("mark")!.getBoundingClientRect());
  };
  return (
    <div ref={boxRef} {...{ [PAGE_ATTR]: index }} aria-label={`Page ${index + 1}`} role="region" onClick={onClick}
      className="folio-pdf-page relative mx-auto mb-4 bg-white shadow-md" data-rendered={textReady ? "" : undefined}
      style={{ width, height, "--total-scale-factor": scale, "--scale-round-x": "1px", "--scale-round-y": "1px" } as React.CSSProperties}>
      <canvas ref={canvasRef} aria-hidden className="absolute inset-0 h-full w-full" />
      <div ref={textRef} className={TEXT_LAYER_CLASS} />
      {!textReady && <span className="pointer-events-none absolute inset-0 flex items-center justify-center font-sans text-sm text-stone-400">{index + 1}</span>}
    </div>
  );
});
