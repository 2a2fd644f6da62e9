"use client";
import { useEffect, useRef } from "react";
import { readingApi, sendJson, sendOnExit } from "../api";
import { currentPlace } from "./pdf-place";

type Saved = { chapterIndex: number; position: number; percent: number };

const SAVE_EVERY_MS = 2000;

/** Percent of a PDF read, by pages: page 12 halfway through a 300-page book is (11 + 0.5) / 300. */
export const percentOfPages = (index: number, position: number, count: number) =>
  Math.round(Math.min(1, Math.max(0, (index + position) / Math.max(count, 1))) * 10_000) / 10_000;

/**
 * Saves the page and the place on it while the person scrolls (every two seconds at most, and
 * when the page is hidden or left), in the same ReadingProgress row as an EPUB's chapter and
 * position. `ready` stays false until the saved place is restored, so restoring never saves over it.
 */
export function usePdfProgress(opts: { slug: string; enabled: boolean; ready: boolean; count: number; initial: Saved | null; containerRef: React.RefObject<HTMLElement | null> }) {
  const { slug, enabled, ready, count, initial, containerRef } = opts;
  const lastSent = useRef<Saved | null>(initial);
  useEffect(() => {
    if (!enabled || !ready) return;
    const url = readingApi.progress(slug);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const current = (): Saved | null => {
      const place = containerRef.current ? currentPlace(containerRef.current) : null;
      return place ? { chapterIndex: place.index, position: place.position, percent: percentOfPages(place.index, place.position, count) } : null;
    };
    const flush = (exiting: boolean) => {
      clearTimeout(timer);
      timer = undefined;
      const now = current();
      const last = lastSent.current;
      if (!now || (last && last.chapterIndex === now.chapterIndex && Math.abs(last.position - now.position) < 0.001)) return;
      lastSent.current = now;
      if (exiting) sendOnExit(url, "PUT", now);
      else sendJson(url, "PUT", now).catch(() => { lastSent.current = last; });
    };
    const onScroll = () => { timer ??= setTimeout(() => flush(false), SAVE_EVERY_MS); };
    const onHide = () => flush(true);
    const onVisibility = () => { if (document.visibilityState === "hidden") flush(true); };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [slug, enabled, ready, count, containerRef]);
}
