"use client";
import { useEffect, useRef } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** ← and → turn chapters, Escape closes what is open; never while typing, nor with modifiers (Alt+← is Back). */
export function useKeyboardNav(handlers: { onPrev: () => void; onNext: () => void; onEscape: () => void }) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") return latest.current.onEscape();
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || isTyping(event.target)) return;
      if (event.key === "ArrowLeft") {
        event.preventDefault();
        latest.current.onPrev();
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        latest.current.onNext();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
