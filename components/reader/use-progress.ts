"use client";
import { useEffect, useMemo, useRef } from "react";
import { placeInBook } from "@/lib/reading/time-left";
import { readingApi, sendJson, sendOnExit } from "./api";
import type { ShellChapter } from "./types";

type Saved = { chapterIndex: number; position: number; percent: number };

const SAVE_EVERY_MS = 2000;
const round = (n: number) => Math.round(Math.min(Math.max(n, 0), 1) * 10_000) / 10_000;

function chapterSpan(root: HTMLElement) {
  const top = root.getBoundingClientRect().top + window.scrollY;
  return { top, span: Math.max(root.offsetHeight - window.innerHeight, 1) };
}

/** How far through the chapter the window is, 0..1. */
export function measurePosition(root: HTMLElement): number {
  // A chapter shorter than the window has nothing to scroll through: with its end on screen it
  // is read to the end (else it could never count as read, lib/courses/reading-share.ts).
  if (root.offsetHeight > 0 && root.offsetHeight <= window.innerHeight && root.getBoundingClientRect().bottom <= window.innerHeight) return 1;
  const { top, span } = chapterSpan(root);
  return round((window.scrollY - top) / span);
}

export function scrollToPosition(root: HTMLElement, position: number): void {
  const { top, span } = chapterSpan(root);
  window.scrollTo({ top: position > 0 ? top + position * span : 0, behavior: "instant" });
}

/**
 * Saves where the person is (chapter + position in it + percent of the book, weighted by words)
 * while they scroll, at most every two seconds, and once more when the page is hidden or left.
 * `ready` stays false until the saved place has been restored, so restoring never saves over it.
 */
export function useProgress(opts: { slug: string; enabled: boolean; ready: boolean; index: number; chapters: ShellChapter[]; initial: Saved | null; rootRef: React.RefObject<HTMLElement | null> }) {
  const { slug, enabled, ready, index, chapters, initial, rootRef } = opts;
  const lastSent = useRef<Saved | null>(initial);
  const words = useMemo(() => chapters.map((c) => c.wordCount), [chapters]);

  useEffect(() => {
    if (!enabled || !ready) return;
    const url = readingApi.progress(slug);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const current = (): Saved | null => {
      const root = rootRef.current;
      if (!root) return null;
      const position = measurePosition(root);
      const percent = round(placeInBook(words, index, position).percent);
      return { chapterIndex: index, position, percent };
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
    flush(false);
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [slug, enabled, ready, index, words, rootRef]);
}
