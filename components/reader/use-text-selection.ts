"use client";
import { useEffect, useRef } from "react";
import { offsetsOfRange, rangeFromOffsets } from "./dom-ranges";
import { trimOffsets } from "./text-anchors";
import { snapToWords } from "./word-snap";
import type { TextSelection } from "./types";

/**
 * Where a selection may be anchored when the text is not one chapter root (a PDF's pages): the
 * text root and chapter (page) index holding the range, or null when it is outside any, or spans two.
 */
export type LocateSelection = (range: Range) => { root: HTMLElement; chapterIndex: number } | null;

/** Reads the current selection as an anchor in the chapter, or null when it is empty or elsewhere. */
function readSelection(fallbackRoot: HTMLElement | null, fallbackIndex: number, locate?: LocateSelection): TextSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  const where = locate ? locate(range) : fallbackRoot ? { root: fallbackRoot, chapterIndex: fallbackIndex } : null;
  if (!where) return null;
  const { root, chapterIndex } = where;
  if (!root.contains(range.commonAncestorContainer)) return null;
  const text = root.textContent ?? "";
  const offsets = offsetsOfRange(root, range);
  const trimmed = trimOffsets(text, offsets.start, offsets.end);
  if (!trimmed) return null;
  // A drag that cuts a word takes all of it; the selection on screen shows what will be marked.
  const snapped = snapToWords(text, trimmed.start, trimmed.end);
  let shown = range;
  if (snapped.start !== trimmed.start || snapped.end !== trimmed.end) {
    const whole = rangeFromOffsets(root, snapped.start, snapped.end);
    if (whole) {
      selection.removeAllRanges();
      selection.addRange(whole);
      shown = whole;
    }
  }
  return { chapterIndex, ...snapped, quote: text.slice(snapped.start, snapped.end), rect: shown.getBoundingClientRect() };
}

/** Calls `onChange` when the person selects text in the chapter (after they pause), and with null when it goes. */
export function useTextSelection(rootRef: React.RefObject<HTMLElement | null>, chapterIndex: number, enabled: boolean, onChange: (s: TextSelection | null) => void, locate?: LocateSelection) {
  const latest = useRef(onChange);
  const locateRef = useRef(locate);
  useEffect(() => {
    latest.current = onChange;
    locateRef.current = locate;
  });
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onSelectionChange = () => {
      clearTimeout(timer);
      // Wait until the handles stop moving (touch) or the button is released (mouse).
      timer = setTimeout(() => {
        latest.current(readSelection(rootRef.current, chapterIndex, locateRef.current));
      }, 250);
    };
    document.addEventListener("selectionchange", onSelectionChange);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("selectionchange", onSelectionChange);
    };
  }, [rootRef, chapterIndex, enabled]);
}
