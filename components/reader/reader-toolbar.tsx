"use client";
import Link from "next/link";
import { trailText } from "@/lib/reading/breadcrumbs";
import { THEMES, type Theme } from "./use-reader-settings";

type Props = {
  title: string;
  /** Where the chapter sits: "Book One › Part One: 1805 › Chapter I". */
  trail: string[];
  /** "37% · about 12 h left", for the whole book. */
  progress: { percent: number; label: string } | null;
  backHref: string;
  backLabel: string;
  /** The back link's short visible text ("Library"). */
  backText: string;
  notesCount: number | null;
  settings: { fontSize: number; theme: Theme; canShrink: boolean; canGrow: boolean; shrink: () => void; grow: () => void; setTheme: (t: Theme) => void };
  typeOpen: boolean;
  onType: (open: boolean) => void;
  onToc: () => void;
  onNotes: (() => void) | null;
  panel: "toc" | "notes" | null;
};

const button = "rounded-md px-2.5 py-1.5 text-sm hover:bg-(--reader-hover) disabled:opacity-40";

/** The bar above the text: back, contents, the book and where in it, type settings, notes. Stays at the top. */
export function ReaderToolbar({ title, trail, progress, backHref, backLabel, backText, notesCount, settings, typeOpen, onType, onToc, onNotes, panel }: Props) {
  return (
    <div className="sticky top-0 z-20 border-b border-(--reader-border) bg-(--reader-bg)/95 backdrop-blur">
      <div className="mx-auto flex max-w-5xl items-center gap-1 px-2 py-1.5 sm:gap-2 sm:px-4">
        <Link href={backHref} className={button} aria-label={backLabel} title={backLabel}>
          <span aria-hidden>←</span> <span className="hidden sm:inline" aria-hidden>{backText}</span>
        </Link>
        <button type="button" onClick={onToc} className={button} aria-controls="reader-toc" aria-expanded={panel === "toc"} aria-label="Contents and search">
          <span aria-hidden>☰</span> <span className="hidden sm:inline" aria-hidden>Contents</span>
        </button>
        <div className="min-w-0 flex-1 px-1 text-center leading-tight">
          <h1 className="truncate font-serif text-sm font-semibold">{title}</h1>
          <p className="truncate text-xs text-(--reader-muted)" data-trail="">
            {trailText(trail)}
          </p>
        </div>
        {progress && (
          <p className="hidden shrink-0 text-xs tabular-nums text-(--reader-muted) md:block" data-book-progress="">{progress.label}</p>
        )}
        <div className="relative">
          <button type="button" onClick={() => onType(!typeOpen)} aria-expanded={typeOpen} aria-controls="reader-type" className={button}
            aria-label="Text size and theme" title="Text size and theme">
            <span className="font-serif" aria-hidden>Aa</span>
          </button>
          {typeOpen && (
            <div id="reader-type" role="group" aria-label="Text size and theme"
              className="absolute right-0 top-full z-30 mt-2 w-60 rounded-lg border border-(--reader-border) bg-(--reader-panel) p-3 shadow-lg">
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
          <button type="button" onClick={onNotes} className={button} aria-controls="reader-notes" aria-expanded={panel === "notes"}
            aria-label={`Notes${notesCount ? ` (${notesCount})` : ""}`} title="Highlights and notes">
            <span aria-hidden>✎</span> <span className="hidden sm:inline" aria-hidden>Notes</span>{notesCount ? <span className="ml-1 text-xs text-(--reader-muted)" aria-hidden>{notesCount}</span> : null}
          </button>
        )}
      </div>
      {progress && (
        <div className="h-0.5 bg-(--reader-border)" aria-hidden>
          <div className="h-full bg-(--reader-accent)" style={{ width: `${Math.round(progress.percent * 1000) / 10}%` }} />
        </div>
      )}
    </div>
  );
}
