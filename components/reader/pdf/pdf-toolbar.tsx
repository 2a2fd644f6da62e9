"use client";
import Link from "next/link";
import { useState } from "react";
import { THEMES, type Theme } from "../use-reader-settings";
import { PERCENTS, percentOf, zoomKey, type Zoom } from "./zoom";

type Props = {
  title: string;
  page: number;
  count: number;
  backHref: string;
  zoom: Zoom;
  scale: number;
  theme: Theme;
  notesCount: number | null;
  onTheme: (t: Theme) => void;
  onZoom: (z: Zoom) => void;
  onStep: (direction: 1 | -1) => void;
  onPage: (index: number) => void;
  onToc: () => void;
  onNotes: (() => void) | null;
};

const button = "rounded-md px-2 py-1.5 text-sm hover:bg-(--reader-hover) disabled:opacity-40";

/** Go to a page by number: the field shows the current page and takes a number on Enter. */
function PageField({ page, count, onPage }: { page: number; count: number; onPage: (index: number) => void }) {
  const [typed, setTyped] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const n = Number(typed);
    if (Number.isInteger(n) && n >= 1 && n <= count) onPage(n - 1);
    setTyped(null);
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-1 text-sm">
      <input inputMode="numeric" aria-label={`Page number, 1 to ${count}`} value={typed ?? String(page + 1)} onFocus={(e) => e.target.select()}
        onChange={(e) => setTyped(e.target.value.replace(/\D/g, "").slice(0, 6))} onBlur={() => setTyped(null)}
        className="w-12 rounded-md border border-(--reader-border) bg-(--reader-bg) px-1 py-1 text-center tabular-nums" />
      <span className="whitespace-nowrap text-(--reader-muted)">of {count}</span>
    </form>
  );
}

/** The bar above the pages: contents, page and go-to-page, zoom, theme, notes. */
export function PdfToolbar(props: Props) {
  const { title, page, count, backHref, zoom, scale, theme, notesCount, onTheme, onZoom, onStep, onPage, onToc, onNotes } = props;
  const [open, setOpen] = useState(false);
  return (
    <div className="sticky top-0 z-20 h-14 border-b border-(--reader-border) bg-(--reader-bg)/95 font-sans backdrop-blur">
      <div className="mx-auto flex h-full max-w-6xl items-center gap-1 px-2 sm:gap-2 sm:px-4">
        <Link href={backHref} className={button} aria-label="Back to my library">←</Link>
        <button type="button" onClick={onToc} className={button} aria-controls="reader-toc">☰ <span className="hidden sm:inline">Contents</span></button>
        <p className="hidden min-w-0 flex-1 truncate px-1 font-serif text-sm font-semibold md:block">{title}</p>
        <div className="flex flex-1 items-center justify-center gap-1 md:flex-none">
          <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 0} className={button} aria-label="Previous page">‹</button>
          <PageField page={page} count={count} onPage={onPage} />
          <button type="button" onClick={() => onPage(page + 1)} disabled={page >= count - 1} className={button} aria-label="Next page">›</button>
        </div>
        <div className="hidden items-center gap-1 sm:flex">
          <button type="button" onClick={() => onStep(-1)} className={button} aria-label="Zoom out">−</button>
          <select aria-label="Zoom" value={zoomKey(zoom)} onChange={(e) => onZoom(e.target.value === "fit-width" || e.target.value === "fit-page" ? { kind: e.target.value } : { kind: "percent", value: Number(e.target.value) })}
            className="rounded-md border border-(--reader-border) bg-(--reader-bg) px-1 py-1 text-sm">
            <option value="fit-width">Fit width</option>
            <option value="fit-page">Fit page</option>
            {zoom.kind === "percent" && !PERCENTS.includes(zoom.value as (typeof PERCENTS)[number]) && <option value={String(zoom.value)}>{zoom.value}%</option>}
            {PERCENTS.map((p) => <option key={p} value={String(p)}>{p}%</option>)}
          </select>
          <button type="button" onClick={() => onStep(1)} className={button} aria-label="Zoom in">+</button>
          <span className="sr-only" aria-live="polite">{percentOf(scale)}%</span>
        </div>
        <div className="relative">
          <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="reader-view" className={button} title="Zoom and theme">
            <span aria-hidden>◐</span><span className="sr-only">View settings</span>
          </button>
          {open && (
            <div id="reader-view" className="absolute right-0 top-full z-30 mt-2 w-60 rounded-lg border border-(--reader-border) bg-(--reader-panel) p-3 shadow-lg">
              <p className="text-xs font-semibold uppercase tracking-wide text-(--reader-muted)">Zoom</p>
              <div className="mt-1 grid grid-cols-2 gap-1">
                <button type="button" onClick={() => onZoom({ kind: "fit-width" })} className={`${button} border border-(--reader-border)`}>Fit width</button>
                <button type="button" onClick={() => onZoom({ kind: "fit-page" })} className={`${button} border border-(--reader-border)`}>Fit page</button>
                <button type="button" onClick={() => onStep(-1)} className={`${button} border border-(--reader-border)`}>Smaller</button>
                <button type="button" onClick={() => onStep(1)} className={`${button} border border-(--reader-border)`}>Larger</button>
              </div>
              <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-(--reader-muted)">Theme</p>
              <div className="mt-1 grid grid-cols-3 gap-1" role="radiogroup" aria-label="Theme">
                {THEMES.map((t) => (
                  <button key={t.value} type="button" role="radio" aria-checked={theme === t.value} onClick={() => onTheme(t.value)}
                    className={`rounded-md border px-2 py-1.5 text-sm ${theme === t.value ? "border-(--reader-accent) font-semibold" : "border-(--reader-border)"} ${t.value === "dark" ? "bg-stone-900 text-stone-100" : t.value === "sepia" ? "bg-[#f4ecd8] text-[#3b2f22]" : "bg-white text-stone-900"}`}>
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
