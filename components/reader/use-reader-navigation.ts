"use client";
import { useCallback, useRef, useState } from "react";
import { readerUrl } from "@/lib/publications/urls";
import { firstMark } from "./dom-ranges";
import { scrollToPosition } from "./use-progress";
import type { Target } from "./types";

function scrollToTarget(root: HTMLElement, target: Target): void {
  if (target.kind === "position") return scrollToPosition(root, target.value);
  if (target.kind === "top") return window.scrollTo({ top: 0, behavior: "instant" });
  const element = target.kind === "fragment" ? root.querySelector<HTMLElement>(`[id="${CSS.escape(target.id)}"]`) : firstMark(root, target.id);
  if (!element) return;
  element.scrollIntoView({ block: target.kind === "annotation" ? "center" : "start", behavior: "instant" });
  if (target.kind === "annotation") {
    const marks = root.querySelectorAll(`mark[data-annotation-id="${CSS.escape(target.id)}"]`);
    marks.forEach((m) => m.classList.add("folio-hl-flash"));
    setTimeout(() => marks.forEach((m) => m.classList.remove("folio-hl-flash")), 1600);
  }
}

/**
 * Which chapter is open and where to scroll once it is on screen. `ready` turns true when that
 * scroll has happened, which is when saving the position may start.
 */
export function useReaderNavigation(opts: { slug: string; count: number; initialIndex: number; initialTarget: Target; rootRef: React.RefObject<HTMLElement | null> }) {
  const { slug, count, rootRef } = opts;
  const [index, setIndex] = useState(opts.initialIndex);
  const [ready, setReady] = useState(false);
  // The first target also honours a #fragment in the address, which only the browser knows.
  const pending = useRef<Target | "initial" | null>("initial");
  const initialTarget = useRef(opts.initialTarget);

  const indexRef = useRef(opts.initialIndex);

  const go = useCallback((next: number, target: Target = { kind: "top" }) => {
    if (!Number.isInteger(next) || next < 0 || next >= count) return;
    if (next === indexRef.current) {
      if (rootRef.current) scrollToTarget(rootRef.current, target);
      return;
    }
    pending.current = target;
    indexRef.current = next;
    setReady(false);
    setIndex(next);
    window.history.replaceState(window.history.state, "", readerUrl(slug, next));
  }, [count, slug, rootRef]);

  /** Called by the chapter view after every paint of the chapter. */
  const applyPending = useCallback(() => {
    const root = rootRef.current;
    const wanted = pending.current;
    if (!root || wanted === null) return;
    pending.current = null;
    const hash = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
    scrollToTarget(root, wanted === "initial" ? (hash ? { kind: "fragment", id: hash } : initialTarget.current) : wanted);
    setReady(true);
  }, [rootRef]);

  const scrollWithin = useCallback((target: Target) => {
    if (rootRef.current) scrollToTarget(rootRef.current, target);
  }, [rootRef]);

  return { index, ready, go, applyPending, scrollWithin };
}
