"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { scrollToPlace, TOOLBAR_PX } from "./pdf-place";
import type { PageSize } from "./pdf-page";
import { parseZoom, scaleFor, stepZoom, zoomKey, type Area, type Zoom } from "./zoom";

const KEY = "folio:pdf-zoom";
/** Wider than this, "fit width" would draw pages larger than anyone reads them. */
const MAX_FIT_WIDTH = 1400;

type Place = { index: number; position: number } | null;

/**
 * The zoom (remembered on this device) and the scale it gives in the reading area as it is now;
 * whatever changes the scale (zoom, window, a panel opening) keeps the reader on the same place.
 */
export function usePdfZoom(opts: { base: PageSize | null; containerRef: React.RefObject<HTMLElement | null>; onBeforeChange: () => Place }) {
  const { base, containerRef } = opts;
  const areaRef = useRef<HTMLElement | null>(null);
  const [zoom, setZoom] = useState<Zoom>({ kind: "fit-width" });
  const [area, setArea] = useState<Area | null>(null);
  const keep = useRef<Place>(null);
  const before = useRef(opts.onBeforeChange);
  useEffect(() => {
    before.current = opts.onBeforeChange;
  });

  useEffect(() => {
    let saved: Zoom | null = null;
    try {
      saved = parseZoom(localStorage.getItem(KEY));
    } catch {
      // storage blocked (some LMS iframes): the default for this visit
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    if (saved) setZoom(saved);
  }, []);

  useEffect(() => {
    const element = areaRef.current;
    if (!element) return;
    const measure = () => {
      const style = getComputedStyle(element);
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const next = { width: Math.min(element.clientWidth - padding, MAX_FIT_WIDTH), height: window.innerHeight - TOOLBAR_PX - 32 };
      setArea((prev) => {
        if (prev && Math.abs(prev.width - next.width) < 1 && Math.abs(prev.height - next.height) < 1) return prev;
        keep.current ??= before.current();
        return next;
      });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, []);

  const scale = base && area ? scaleFor(zoom, base, area) : null;
  const scaleRef = useRef(scale);
  useEffect(() => {
    scaleRef.current = scale;
  });

  useLayoutEffect(() => {
    const place = keep.current;
    keep.current = null;
    if (place && containerRef.current) scrollToPlace(containerRef.current, place.index, place.position);
  }, [scale, containerRef]);

  const set = useCallback((next: Zoom) => {
    keep.current = before.current();
    setZoom(next);
    try {
      localStorage.setItem(KEY, zoomKey(next));
    } catch {
      // not remembered; still applied
    }
  }, []);
  const step = useCallback((direction: 1 | -1) => set(stepZoom(scaleRef.current ?? 1, direction)), [set]);
  return { zoom, scale, set, step, areaRef };
}
