"use client";
import { useState } from "react";

type Props = { chapterTitle: string; unit?: "chapter" | "page"; onSave: (note: string, aboutChapter: boolean) => Promise<unknown>; onCancel: () => void };

/** A note of the person's own, on the book or on the chapter they are in. */
export function NoteComposer({ chapterTitle, unit = "chapter", onSave, onCancel }: Props) {
  const [draft, setDraft] = useState("");
  const [aboutChapter, setAboutChapter] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <form className="border-b border-(--reader-border) px-4 py-3" onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true);
      const saved = await onSave(draft, aboutChapter);
      setBusy(false);
      if (saved) setDraft("");
    }}>
      <label htmlFor="folio-new-note" className="text-xs font-semibold uppercase tracking-wide text-(--reader-muted)">New note</label>
      <textarea id="folio-new-note" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus maxLength={10_000}
        className="mt-1 block w-full rounded-md border border-(--reader-border) bg-(--reader-bg) px-2 py-1.5 text-sm" placeholder="Write a note…" />
      <label className="mt-2 flex items-center gap-2 text-xs">
        <input type="checkbox" checked={aboutChapter} onChange={(e) => setAboutChapter(e.target.checked)} />
        <span className="truncate">About this {unit} ({chapterTitle})</span>
      </label>
      <div className="mt-2 flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-sm hover:bg-(--reader-hover)">Cancel</button>
        <button type="submit" disabled={busy || !draft.trim()} className="rounded-md bg-(--reader-accent) px-3 py-1 text-sm font-medium text-(--reader-bg) disabled:opacity-50">
          {busy ? "Saving…" : "Save note"}
        </button>
      </div>
    </form>
  );
}
