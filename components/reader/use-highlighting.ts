"use client";
import { useCallback, useRef, useState } from "react";
import { DEFAULT_COLOR } from "./palette";
import type { PopoverAnchor } from "./highlight-popover";
import type { useAnnotations } from "./use-annotations";
import { useTextSelection, type LocateSelection } from "./use-text-selection";
import type { TextSelection } from "./types";

type Popover = { anchor: PopoverAnchor; annotationId: string | null; selection: TextSelection | null };

const anchorOf = (rect: DOMRect): PopoverAnchor => ({ top: rect.bottom + window.scrollY, left: rect.left + rect.width / 2 + window.scrollX });

/** Selection → toolbar → highlight (and note); a click on a highlight → the same toolbar to change it. */
export function useHighlighting(opts: {
  rootRef: React.RefObject<HTMLElement | null>; index: number; enabled: boolean; store: ReturnType<typeof useAnnotations>;
  /** For text spread over several roots (a PDF's pages): which one a selection is in. */
  locate?: LocateSelection;
}) {
  const { rootRef, index, enabled, store, locate } = opts;
  const [popover, setPopover] = useState<Popover | null>(null);
  const [busy, setBusy] = useState(false);
  const composing = useRef(false);

  useTextSelection(rootRef, index, enabled, (selection) => {
    if (composing.current) return;
    if (selection) setPopover({ anchor: anchorOf(selection.rect), annotationId: null, selection });
    else setPopover((p) => (p && p.annotationId === null ? null : p));
  }, locate);

  const close = useCallback(() => {
    composing.current = false;
    setPopover(null);
  }, []);

  const openFor = useCallback((id: string, rect: DOMRect) => setPopover({ anchor: anchorOf(rect), annotationId: id, selection: null }), []);

  const work = async (task: () => Promise<unknown>) => {
    setBusy(true);
    const result = await task();
    setBusy(false);
    return result;
  };

  const createFrom = (s: TextSelection, color: string, note?: string) =>
    store.create({ kind: "HIGHLIGHT", chapterIndex: s.chapterIndex, startOffset: s.start, endOffset: s.end, quote: s.quote, color, ...(note ? { note } : {}) });

  const onColor = (color: string) => work(async () => {
    if (!popover) return;
    if (popover.annotationId) return store.update(popover.annotationId, { color });
    const created = popover.selection && (await createFrom(popover.selection, color));
    if (!created) return;
    window.getSelection()?.removeAllRanges();
    // Stay open on the new highlight, so a note can follow.
    setPopover({ ...popover, annotationId: created.id, selection: null });
  });

  const onSaveNote = (note: string) => work(async () => {
    if (!popover) return;
    const text = note.trim();
    const saved = popover.annotationId
      ? await store.update(popover.annotationId, { note: text || null })
      : popover.selection && (await createFrom(popover.selection, DEFAULT_COLOR, text || undefined));
    if (!saved) return;
    window.getSelection()?.removeAllRanges();
    close();
  });

  const onDelete = () => work(async () => {
    if (popover?.annotationId && (await store.remove(popover.annotationId))) close();
  });

  const annotation = popover?.annotationId ? (store.annotations.find((a) => a.id === popover.annotationId) ?? null) : null;
  return {
    popover, annotation, busy, close, openFor, onColor, onSaveNote, onDelete,
    setComposing: (value: boolean) => { composing.current = value; },
  };
}
