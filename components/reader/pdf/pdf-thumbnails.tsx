"use client";
import { memo, useEffect, useRef, useState } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

const THUMB_WIDTH = 96;

/** A page drawn small, only once it scrolls into the panel (so 300 pages cost nothing until seen). */
const Thumbnail = memo(function Thumbnail({ doc, index, ratio, current, onGo }: { doc: PDFDocumentProxy; index: number; ratio: number; current: boolean; onGo: (index: number) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) {
        setSeen(true);
        observer.disconnect();
      }
    }, { rootMargin: "200px 0px" });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const canvas = ref.current;
    if (!seen || !canvas) return;
    let task: { cancel: () => void; promise: Promise<unknown> } | null = null;
    let cancelled = false;
    doc.getPage(index + 1).then((page) => {
      if (cancelled) return;
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (THUMB_WIDTH * Math.min(window.devicePixelRatio || 1, 2)) / natural.width });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      task = page.render({ canvas, viewport });
      return task.promise;
    }).catch(() => undefined);
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [seen, doc, index]);
  return (
    <li>
      <button type="button" onClick={() => onGo(index)} aria-current={current ? "page" : undefined} aria-label={`Page ${index + 1}`}
        className={`flex w-full flex-col items-center gap-1 rounded-md p-2 text-xs hover:bg-(--reader-hover) ${current ? "font-semibold text-(--reader-accent)" : "text-(--reader-muted)"}`}>
        <canvas ref={ref} className={`block bg-white shadow ${current ? "ring-2 ring-(--reader-accent)" : ""}`} style={{ width: THUMB_WIDTH, height: Math.round(THUMB_WIDTH * ratio) }} />
        {index + 1}
      </button>
    </li>
  );
});

/** Every page as a small picture, in a grid; the current one marked and scrolled to. */
export function PdfThumbnails({ doc, count, ratio, current, onGo }: { doc: PDFDocumentProxy | null; count: number; ratio: number; current: number; onGo: (index: number) => void }) {
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector("[aria-current]")?.scrollIntoView({ block: "nearest" });
  }, [current]);
  if (!doc) return <p className="p-4 text-sm text-(--reader-muted)">Loading the pages…</p>;
  return (
    <ol ref={listRef} aria-label="Pages" className="grid grid-cols-2 gap-1 p-2">
      {Array.from({ length: count }, (_, i) => <Thumbnail key={i} doc={doc} index={i} ratio={ratio} current={i === current} onGo={onGo} />)}
    </ol>
  );
}
