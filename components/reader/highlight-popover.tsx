"use client";
import { useState } from "react";
import { createPortal } from "react-dom";
import { PALETTE } from "./palette";
import type { Annotation } from "./types";

export type PopoverAnchor = { top: number; left: number };

type Props = {
  anchor: PopoverAnchor;
  theme: string;
  /** The highlight being changed; absent for a fresh selection. */
  annotation: Annotation | null;
  busy: boolean;
  onColor: (color: string) => void;
  onSaveNote: (note: string) => void;
  onDelete: (() => void) | null;
  onClose: () => void;
  /** Keeps the selection while the person types a note (the selection moves into the textarea). */
  onComposing: (composing: boolean) => void;
};

/** Colours, a note and delete, under the selected passage or the clicked highlight. */
export function HighlightPopover({ anchor, theme, annotation, busy, onColor, onSaveNote, onDelete, onClose, onComposing }: Props) {
  const [composing, setComposing] = useState(false);
  const [draft, setDraft] = useState(annotation?.note ?? "");
  const startNote = () => {
    setComposing(true);
    onComposing(true);
  };
  const left = Math.max(8, Math.min(anchor.left - 150, document.documentElement.clientWidth - 308));
  return createPortal(
    <div role="dialog" aria-label={annotation ? "Change highlight" : "Highlight selection"} style={{ top: anchor.top + 8, left }}
      // Pressing a button must not drop the selection it acts on.
      onPointerDown={(e) => { if (!(e.target instanceof HTMLTextAreaElement)) e.preventDefault(); }}
      className="folio-reader absolute z-50 w-[300px] rounded-lg border border-(--reader-border) bg-(--reader-panel) p-2 font-sans text-(--reader-fg) shadow-xl"
      data-theme={theme}>
      <div className="flex items-center gap-1">
        {PALETTE.map((p) => (
          <button key={p.color} type="button" disabled={busy} onClick={() => onColor(p.color)} title={`Highlight ${p.label.toLowerCase()}`}
            aria-label={`${annotation ? "Change to" : "Highlight"} ${p.label.toLowerCase()}`} aria-pressed={annotation?.color === p.color}
            className={`h-7 w-7 rounded-full border-2 ${annotation?.color === p.color ? "border-(--reader-fg)" : "border-transparent"}`}
            style={{ background: p.swatch }} />
        ))}
        <span className="mx-1 h-6 w-px bg-(--reader-border)" />
        {!composing && (
          <button type="button" onClick={startNote} disabled={busy} className="rounded-md px-2 py-1 text-sm hover:bg-(--reader-hover)">
            {annotation?.note ? "Edit note" : "Note"}
          </button>
        )}
        {onDelete && !composing && (
          <button type="button" onClick={onDelete} disabled={busy} className="rounded-md px-2 py-1 text-sm text-red-600 hover:bg-(--reader-hover)">Delete</button>
        )}
        <button type="button" onClick={onClose} aria-label="Close" className="ml-auto rounded-md px-2 py-1 text-sm hover:bg-(--reader-hover)">✕</button>
      </div>
      {composing && (
        <form className="mt-2" onSubmit={(e) => { e.preventDefault(); onSaveNote(draft); }}>
          <label htmlFor="folio-note-draft" className="sr-only">Note</label>
          <textarea id="folio-note-draft" autoFocus rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={10_000}
            placeholder="Your note on this passage" className="block w-full rounded-md border border-(--reader-border) bg-(--reader-bg) px-2 py-1.5 text-sm" />
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" onClick={() => { setComposing(false); onComposing(false); }} className="rounded-md px-3 py-1 text-sm hover:bg-(--reader-hover)">Cancel</button>
            <button type="submit" disabled={busy} className="rounded-md bg-(--reader-accent) px-3 py-1 text-sm font-medium text-(--reader-bg) disabled:opacity-60">
              {busy ? "Saving…" : "Save note"}
            </button>
          </div>
        </form>
      )}
    </div>,
    document.body,
  );
}
