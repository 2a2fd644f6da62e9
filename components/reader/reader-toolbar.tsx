"use client";
import Link from "next/link";
import { useState } from "react";
import { THEMES, type Theme } from "./use-reader-settings";

type Props = {
  title: string;
  chapterTitle: string;
  backHref: string;
  notesCount: number | null;
  settings: { fontSize: number; theme: Theme; canShrink: boolean; canGrow: boolean; shrink: () => void; grow: () => void; setTheme: (t: Theme) => void };
  onToc: () => void;
  onNotes: (() => void) | null;
};

const button = "rounded-md px-2.5 py-1.5 text-sm hover:bg-(--reader-hover) disabled:opacity-40";

/** The bar above the text: contents, title, type settings, notes. Stays at the top while reading. */
export function ReaderToolbar({ title, chapterTitle, backHref, notesCount, settings, onToc, onNotes }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <div className="sticky top-0 z-20 border-b border-(--reader-border) bg-(--reader-bg)/95 backdrop-blur">
      <div className="mx-auto flex max-w-5xl items-center gap-1 px-2 py-1.5 sm:gap-2 sm:px-4">
        <Link href={backHref} className={button} aria-label="Back to my library">←</Link>
        <button type="button" onClick={onToc} className={button} aria-controls="reader-toc">☰ <span className="hidden sm:inline">Contents</span></button>
        <div className="min-w-0 flex-1 px-1 text-center leading-tight">
          <p className="truncate font-serif text-sm font-semibold">{title}</p>
          <p className="truncate text-xs text-(--reader-muted)">{chapterTitle}</p>
        </div>
        <div className="relative">
          <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="reader-type" className={button} title="Text size and theme">
            <span className="font-serif">Aa</span>
          </button>
          {open && (
            <div id="reader-type" className="absolute right-0 top-full z-30 mt-2 w-60 rounded-lg border border-(--reader-border) bg-(--reader-panel) p-3 shadow-lg">
              <p className="text-xs font-semibold uppercase tracking-wide text-(--reader-muted)">Text size</p>
              <div className="mt-1 flex items-center justify-between">
                <button type="button" onClick={settings.shrink} disabled={!settings.canShrink} className={button} aria-label="Smaller text">A−</button>
                <span className="text-sm tabular-nums">{settings.fontSize}px</span>
                <button type="button" onClick={settings.grow} disabled={!settings.canGrow} className={`${button} text-lg`} aria-label="Larger text">A+</button>
              </div>
              <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-(--reader-muted)">Theme</p>
              <div className="mt-1 grid grid-cols-3 gap-1" role="radiogroup" aria-label="Theme">
                {THEMES.map((t) => (
                  <button key={t.value} type="button" role="radio" aria-checked={settings.theme === t.value} onClick={() => settings.setTheme(t.value)}
                    className={`rounded-md border px-2 py-1.5 text-sm ${settings.theme === t.value ? "border-(--reader-accent) font-semibold" : "border-(--reader-border)"} ${t.value === "dark" ? "bg-stone-900 text-stone-100" : t.value === "sepia" ? "bg-[#f4ecd8] text-[#3b2f22]" : "bg-white text-stone-900"}`}>
                    {t.label}
                  </button>
                ))}
              </div>
            </div>
          )}
        </div>
        {onNotes && (
          <button type="button" onClick={onNotes} className={button} aria-controls="reader-notes">
            ✎ <span className="hidden sm:inline">Notes</span>{notesCount ? <span className="ml-1 text-xs text-(--reader-muted)">{notesCount}</span> : null}
          </button>
        )}
      </div>
    </div>
  );
}
