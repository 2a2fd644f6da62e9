"use client";
import { useState } from "react";
import { AnnotationItem } from "./annotation-item";
import { NoteComposer } from "./note-composer";
import type { Annotation, ShellChapter } from "./types";

type Props = {
  exportUrl: string;
  annotations: Annotation[];
  lost: Set<string>;
  error: string | null;
  chapters: ShellChapter[];
  current: number;
  /** Where a chapter sits in the book, by chapter index. */
  trailOf?: (chapterIndex: number) => string | null;
  onGo: (a: Annotation) => void;
  onAddNote: (note: string, chapterIndex: number | undefined) => Promise<unknown>;
  onUpdate: (id: string, changes: { color?: string; note?: string | null }) => Promise<unknown>;
  onDelete: (id: string) => Promise<unknown>;
  /** PDFs are read by page: the panel says "page" where an EPUB says "chapter". */
  unit?: "chapter" | "page";
};

/** The person's highlights and notes in this book, by chapter, with "Add a note" and "Export". */
export function NotesPanel({ exportUrl, annotations, lost, error, chapters, current, trailOf, onGo, onAddNote, onUpdate, onDelete, unit = "chapter" }: Props) {
  const [composing, setComposing] = useState(false);
  const titleOf = (i: number | null) => (i === null ? "Notes on the book" : trailOf?.(i) ?? (chapters[i]?.title || `${unit === "page" ? "Page" : "Chapter"} ${i + 1}`));
  const groups: { key: number | null; items: Annotation[] }[] = [];
  for (const a of annotations) {
    const last = groups[groups.length - 1];
    if (last && last.key === a.chapterIndex) last.items.push(a);
    else groups.push({ key: a.chapterIndex, items: [a] });
  }
  return (
    <div>
      <div className="flex items-center gap-2 border-b border-(--reader-border) px-4 py-2">
        <button type="button" onClick={() => setComposing(true)} disabled={composing}
          className="rounded-md border border-(--reader-border) px-3 py-1.5 text-sm font-medium hover:bg-(--reader-hover) disabled:opacity-50">
          Add a note
        </button>
        <a href={exportUrl} download className="ml-auto rounded-md px-3 py-1.5 text-sm text-(--reader-accent) hover:bg-(--reader-hover)">
          Export (Markdown)
        </a>
      </div>
      {error && <p role="alert" className="mx-4 mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}
      {composing && (
        <NoteComposer chapterTitle={titleOf(current)} unit={unit} onCancel={() => setComposing(false)}
          onSave={async (note, aboutChapter) => {
            const saved = await onAddNote(note, aboutChapter ? current : undefined);
            if (saved) setComposing(false);
            return saved;
          }} />
      )}
      {annotations.length === 0 && !composing && (
        <p className="px-4 py-8 text-center text-sm text-(--reader-muted)">
          Select text {unit === "page" ? "on a page" : "in the chapter"} to highlight it or attach a note. Your highlights and notes are yours alone.
        </p>
      )}
      {groups.map((g, i) => (
        <section key={`${g.key ?? "book"}-${i}`} aria-label={titleOf(g.key)}>
          <h3 className="bg-(--reader-hover) px-4 py-1.5 text-xs font-semibold text-(--reader-muted)">{titleOf(g.key)}</h3>
          <ul>
            {g.items.map((a) => (
              <AnnotationItem key={`${a.id}-${a.updatedAt}`} annotation={a} lost={lost.has(a.id)} unit={unit}
                onGo={a.chapterIndex !== null && !lost.has(a.id) ? () => onGo(a) : null}
                onUpdate={(changes) => onUpdate(a.id, changes)} onDelete={() => onDelete(a.id)} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
