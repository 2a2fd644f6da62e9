"use client";
import { useState } from "react";
import { PALETTE, swatchOf } from "./palette";
import type { Annotation } from "./types";

type Props = {
  annotation: Annotation;
  lost: boolean;
  unit?: "chapter" | "page";
  onGo: (() => void) | null;
  onUpdate: (changes: { color?: string; note?: string | null }) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
};

const small = "rounded-md px-2 py-1 text-xs hover:bg-(--reader-hover)";

/** One highlight or note in the panel: jump to it, edit its note or colour, delete it. */
export function AnnotationItem({ annotation: a, lost, unit = "chapter", onGo, onUpdate, onDelete }: Props) {
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [draft, setDraft] = useState(a.note ?? "");
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    const ok = await work();
    setBusy(false);
    if (ok) setMode("view");
  };
  return (
    <li className="border-b border-(--reader-border) px-4 py-3 text-sm">
      {a.kind === "HIGHLIGHT" ? (
        <button type="button" onClick={onGo ?? undefined} disabled={!onGo} className="block w-full text-left">
          <span className="line-clamp-4 border-l-4 pl-2 font-serif leading-snug" style={{ borderColor: swatchOf(a.color) }}>{a.quote}</span>
          {lost && <span className="mt-1 block text-xs text-amber-600">This passage is no longer in the {unit} text.</span>}
          {a.unplacedAt && <span className="mt-1 block text-xs text-amber-600">Not found in this edition of the book; kept here with its note.</span>}
        </button>
      ) : (
        <p className="text-xs font-semibold uppercase tracking-wide text-(--reader-muted)">Note</p>
      )}
      {mode === "edit" ? (
        <form className="mt-2" onSubmit={(e) => { e.preventDefault(); void act(() => onUpdate({ note: draft.trim() ? draft : null })); }}>
          {a.kind === "HIGHLIGHT" && (
            <div className="mb-2 flex gap-1">
              {PALETTE.map((p) => (
                <button key={p.color} type="button" aria-label={`Change to ${p.label.toLowerCase()}`} aria-pressed={a.color === p.color}
                  onClick={() => void act(() => onUpdate({ color: p.color }))} disabled={busy}
                  className={`h-6 w-6 rounded-full border-2 ${a.color === p.color ? "border-(--reader-fg)" : "border-transparent"}`} style={{ background: p.swatch }} />
              ))}
            </div>
          )}
          <label className="sr-only" htmlFor={`note-${a.id}`}>Note</label>
          <textarea id={`note-${a.id}`} rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus
            className="block w-full rounded-md border border-(--reader-border) bg-(--reader-bg) px-2 py-1.5 text-sm" placeholder="Add a note" />
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" className={small} onClick={() => { setDraft(a.note ?? ""); setMode("view"); }}>Cancel</button>
            <button type="submit" disabled={busy} className="rounded-md bg-(--reader-accent) px-3 py-1 text-xs font-medium text-(--reader-bg)">{busy ? "Saving…" : "Save"}</button>
          </div>
        </form>
      ) : (
        a.note && <p className="mt-2 whitespace-pre-wrap leading-snug">{a.note}</p>
      )}
      {mode === "delete" ? (
        <div className="mt-2 flex items-center gap-2 text-xs" role="alertdialog" aria-label="Confirm delete">
          <span>Delete this {a.kind === "NOTE" ? "note" : "highlight"}?</span>
          <button type="button" disabled={busy} onClick={() => void act(onDelete)} className="rounded-md bg-red-600 px-2 py-1 font-medium text-white">Delete</button>
          <button type="button" className={small} onClick={() => setMode("view")}>Keep</button>
        </div>
      ) : mode === "view" && (
        <div className="mt-1 flex gap-1 text-(--reader-muted)">
          {onGo && <button type="button" className={small} onClick={onGo}>Go to</button>}
          <button type="button" className={small} onClick={() => setMode("edit")}>{a.kind === "HIGHLIGHT" && !a.note ? "Add note" : "Edit"}</button>
          <button type="button" className={small} onClick={() => setMode("delete")}>Delete</button>
        </div>
      )}
    </li>
  );
}
