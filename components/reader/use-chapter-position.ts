"use client";
import { useEffect, useState } from "react";
import { measurePosition } from "./use-progress";

/**
 * How far through the chapter on screen the window is (0..1), kept current while the person
 * scrolls (once per frame at most), for whole-book progress and time left.
 */
export function useChapterPosition(rootRef: React.RefObject<HTMLElement | null>, ready: boolean, index: number, initial: number): number {
  const [position, setPosition] = useState(initial);
  useEffect(() => {
    if (!ready) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      // In steps of half a percent of the chapter: enough for the book's percent and time left,
      // without rendering the reader on every frame of a scroll.
      if (rootRef.current) setPosition(Math.round(measurePosition(rootRef.current) * 200) / 200);
    };
    const onScroll = () => { frame ||= requestAnimationFrame(measure); };
    measure();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
    };
  }, [rootRef, ready, index]);
  return position;
}
