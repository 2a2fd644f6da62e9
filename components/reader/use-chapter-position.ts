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
      if (rootRef.current) setPosition(measurePosition(rootRef.current));
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
