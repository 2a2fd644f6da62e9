"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { readerUrl } from "@/lib/publications/urls";
import { scrollToTarget } from "./scroll-to-target";
import { measurePosition } from "./use-progress";
import type { Target } from "./types";

/** readerUrl's address with the course link kept in its query (before any #fragment). */
function withLink(url: string, linkId: string | undefined): string {
  if (!linkId) return url;
  const hash = url.indexOf("#");
  const [path, fragment] = hash < 0 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  return `${path}${path.includes("?") ? "&" : "?"}link=${encodeURIComponent(linkId)}${fragment}`;
}

/**
 * Which chapter is open and where to scroll once it is on screen. `ready` turns true when that
 * scroll has happened, which is when saving the position may start.
 */
export function useReaderNavigation(opts: {
  slug: string; count: number; initialIndex: number; initialTarget: Target; rootRef: React.RefObject<HTMLElement | null>;
  /** A course link's id: kept in the address, so a reload still shows the assigned reading. */
  linkId?: string;
}) {
  const { slug, count, rootRef, linkId } = opts;
  const [index, setIndex] = useState(opts.initialIndex);
  const [ready, setReady] = useState(false);
  // The first target also honours a #fragment in the address, which only the browser knows.
  const pending = useRef<Target | "initial" | null>("initial");
  const initialTarget = useRef(opts.initialTarget);

  const indexRef = useRef(opts.initialIndex);

  const move = useCallback((next: number, target: Target, history: "replace" | "push" | "none") => {
    if (!Number.isInteger(next) || next < 0 || next >= count) return;
    const root = rootRef.current;
    if (history === "push" && root) {
      // Remember where this page was, so Back returns to the same place (e.g. after a footnote).
      window.history.replaceState({ ...window.history.state, folioPosition: measurePosition(root) }, "");
      window.history.pushState({ folioPosition: null }, "", withLink(readerUrl(slug, next, target.kind === "fragment" ? target.id : null), linkId));
    }
    if (next === indexRef.current) {
      if (root) scrollToTarget(root, target);
      return;
    }
    pending.current = target;
    indexRef.current = next;
    setReady(false);
    setIndex(next);
    if (history === "replace") window.history.replaceState(window.history.state, "", withLink(readerUrl(slug, next), linkId));
  }, [count, slug, rootRef, linkId]);

  const go = useCallback((next: number, target: Target = { kind: "top" }, history: "replace" | "push" = "replace") => move(next, target, history), [move]);

  useEffect(() => {
    const onPop = (event: PopStateEvent) => {
      const url = new URL(window.location.href);
      if (url.pathname !== `/read/${encodeURIComponent(slug)}`) return;
      const chapter = Number(url.searchParams.get("chapter") ?? 0);
      const saved = (event.state as { folioPosition?: number | null } | null)?.folioPosition;
      const hash = url.hash ? decodeURIComponent(url.hash.slice(1)) : "";
      move(Number.isInteger(chapter) ? chapter : 0, typeof saved === "number" ? { kind: "position", value: saved } : hash ? { kind: "fragment", id: hash } : { kind: "top" }, "none");
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [move, slug]);

  /** Called by the chapter view after every paint of the chapter. */
  const applyPending = useCallback(() => {
    const root = rootRef.current;
    const wanted = pending.current;
    if (!root || wanted === null) return;
    pending.current = null;
    const hash = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
    const target = wanted === "initial" ? (hash ? { kind: "fragment" as const, id: hash } : initialTarget.current) : wanted;
    scrollToTarget(root, target);
    // After a client-side navigation the router scrolls the new page to the top once it has
    // committed, after this runs: place the text again on the next frame, then start saving.
    requestAnimationFrame(() => {
      if (target.kind !== "top" && rootRef.current) scrollToTarget(rootRef.current, target);
      setReady(true);
    });
  }, [rootRef]);

  const scrollWithin = useCallback((target: Target) => {
    if (rootRef.current) scrollToTarget(rootRef.current, target);
  }, [rootRef]);

  return { index, ready, go, applyPending, scrollWithin };
}
