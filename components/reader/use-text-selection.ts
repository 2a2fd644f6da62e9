"use client";
import { useEffect, useRef } from "react";
import { offsetsOfRange } from "./dom-ranges";
import { trimOffsets } from "./text-anchors";
import type { TextSelection } from "./types";

/** Reads the current selection as an anchor in the chapter, or null when it is empty or elsewhere. */
function readSelection(root: HTMLElement, chapterIndex: number): TextSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  const text = root.textContent ?? "";
  const offsets = offsetsOfRange(root, range);
  const trimmed = trimOffsets(text, offsets.start, offsets.end);
  if (!trimmed) return null;
  return { chapterIndex, ...trimmed, quote: text.slice(trimmed.start, trimmed.end), rect: range.getBoundingClientRect() };
}

/** Calls `onChange` when the person selects text in the chapter (after they pause), and with null when it goes. */
export function useTextSelection(rootRef: React.RefObject<HTMLElement | null>, chapterIndex: number, enabled: boolean, onChange: (s: TextSelection | null) => void) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onSelectionChange = () => {
      clearTimeout(timer);
      // Wait until the handles stop moving (touch) or the button is released (mouse).
      timer = setTimeout(() => {
        const root = rootRef.current;
        latest.current(root ? readSelection(root, chapterIndex) : null);
      }, 250);
    };
    document.addEventListener("selectionchange", onSelectionChange);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("selectionchange", onSelectionChange);
    };
  }, [rootRef, chapterIndex, enabled]);
}
