"use client";
import "../reader.css";
import "./pdf-reader.css";
import { ReaderNotices } from "@/components/reader/reader-notices";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { AssignedBanner, type Assignment } from "../assigned-banner";
import { firstMark } from "../dom-ranges";
import { Drawer } from "../drawer";
import { HighlightPopover } from "../highlight-popover";
import { NotesPanel } from "../notes-panel";
import { readingApi } from "../api";
import { SearchBox } from "../search-box";
import { TocList } from "../toc-list";
import type { Annotation, ShellChapter, TocEntry } from "../types";
import { useAnnotations } from "../use-annotations";
import { useHeartbeat } from "../use-heartbeat";
import { useHighlighting } from "../use-highlighting";
import { useKeyboardNav } from "../use-keyboard-nav";
import { useReaderSettings } from "../use-reader-settings";
import { PdfPage, type PageSize } from "./pdf-page";
import { currentPlace, scrollToPlace, scrollToRange, TOOLBAR_PX } from "./pdf-place";
import { findAll, locatePdfSelection, showHits } from "./pdf-text";
import { PdfThumbnails } from "./pdf-thumbnails";
import { PdfToolbar } from "./pdf-toolbar";
import { openPdf, type BookFile } from "./pdfjs";
import { usePdfProgress } from "./use-pdf-progress";
import { usePdfZoom } from "./use-pdf-zoom";

export type PdfReaderAppProps = {
  publication: { slug: string; title: string; author: string };
  /** The outline: entries point at pages (chapterIndex = page - 1). */
  toc: TocEntry[];
  pageCount: number;
  /** The book file's size and ETag: pdf.js reads it by ranges from the first request on. */
  file: Omit<BookFile, "url">;
  initialIndex: number;
  /** Fraction of the way down the opening page. */
  initialPosition: number;
  initialProgress: { chapterIndex: number; position: number; percent: number } | null;
  signedIn: boolean;
  personal: boolean;
  backHref: string;
  guest?: { integrationName: string } | null;
  assignment?: Assignment | null;
};

/** Where to bring the reader once the page's text is on screen. */
type Pending = { index: number; kind: "text"; query: string; occurrence: number } | { index: number; kind: "annotation"; id: string };

const EMPTY: Annotation[] = [];
const isNarrow = () => window.matchMedia("(max-width: 1023px)").matches;

/**
 * The PDF reader: the book's pages drawn by pdf.js from the book file (fetched by byte ranges as
 * pages come into view), each with a text layer to select, highlight and search in. Same drawers,
 * notes, progress and reading clock as the EPUB reader; its unit is the page (chapterIndex = page - 1).
 */
export function PdfReaderApp(props: PdfReaderAppProps) {
  const { publication, personal, signedIn, guest, assignment } = props;
  const slug = publication.slug;
  const settings = useReaderSettings();
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [base, setBase] = useState<PageSize | null>(null);
  const [sizes, setSizes] = useState<Map<number, PageSize>>(() => new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [current, setCurrent] = useState(props.initialIndex);
  const [ready, setReady] = useState(false);
  const [panel, setPanel] = useState<"toc" | "notes" | null>(null);
  const [tocTab, setTocTab] = useState<"outline" | "pages">("outline");
  const [search, setSearch] = useState<{ query: string; index: number; occurrence: number } | null>(null);
  const [lost, setLost] = useState<Set<string>>(new Set());
  const pending = useRef<Pending | null>(null);
  const textRoots = useRef(new Map<number, HTMLElement>());
  const count = doc?.numPages ?? props.pageCount;
  const { size: fileSize, etag: fileTag } = props.file;
  const { zoom, scale, set: setZoom, step: stepZoom, areaRef } = usePdfZoom({ base, containerRef, onBeforeChange: () => (containerRef.current ? currentPlace(containerRef.current) : null) });

  const store = useAnnotations(slug, personal);
  const hl = useHighlighting({ rootRef: containerRef, index: current, enabled: personal && !!doc, store, locate: locatePdfSelection });
  const pages: ShellChapter[] = useMemo(() => Array.from({ length: count }, (_, i) => ({ index: i, title: `Page ${i + 1}`, wordCount: 0 })), [count]);
  const byPage = useMemo(() => {
    const map = new Map<number, Annotation[]>();
    for (const a of store.annotations) {
      if (a.kind !== "HIGHLIGHT" || a.chapterIndex === null) continue;
      map.set(a.chapterIndex, [...(map.get(a.chapterIndex) ?? []), a]);
    }
    return map;
  }, [store.annotations]);

  // Open the book: only the document's structure and the opening page are fetched now.
  useEffect(() => {
    let destroyed = false;
    let task: { destroy: () => Promise<void> } | null = null;
    const failed = (status: number) => {
      if (destroyed) return;
      setLoadError(status === 401 ? "Your session ended. Sign in again to continue."
        : status === 403 ? "Your access to this publication has ended."
        : status === 200 ? "This book was replaced by a new edition while it was open. Reload to read the new one."
        : "The book did not load. Check your connection and try again.");
    };
    const url = `/api/publications/${encodeURIComponent(slug)}/file`;
    openPdf({ url, size: fileSize, etag: fileTag }, (error) => failed(error.status)).then(async ({ task: t }) => {
      task = t;
      const opened = await t.promise;
      const first = await opened.getPage(Math.min(props.initialIndex, opened.numPages - 1) + 1);
      if (destroyed) return;
      const natural = first.getViewport({ scale: 1 });
      setBase({ width: natural.width, height: natural.height });
      setDoc(opened);
    }).catch((error: unknown) => {
      if (destroyed) return;
      // A file pdf.js cannot read at all (ingestion refuses those, so this is rare).
      console.warn("PDF did not open", error);
      failed(0);
    });
    return () => {
      destroyed = true;
      void task?.destroy();
    };
  }, [slug, fileSize, fileTag, props.initialIndex]);

  // The saved place, once the pages are laid out at their size (the opening page's, until each loads).
  useLayoutEffect(() => {
    if (ready || !doc || !scale || !containerRef.current) return;
    scrollToPlace(containerRef.current, Math.min(props.initialIndex, doc.numPages - 1), props.initialPosition);
    setReady(true);
  }, [ready, doc, scale, props.initialIndex, props.initialPosition]);

  // The page under the reading line, as the person scrolls.
  useEffect(() => {
    if (!ready) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const place = containerRef.current && currentPlace(containerRef.current);
        if (place) setCurrent(place.index);
      });
    };
    onScroll();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
    };
  }, [ready, scale]);

  // The address names the page, so a reload or a shared link opens it (other parameters, a course link, stay).
  useEffect(() => {
    if (!ready) return;
    const url = new URL(window.location.href);
    url.searchParams.delete("chapter");
    url.searchParams.set("page", String(current + 1));
    window.history.replaceState(window.history.state, "", url);
  }, [ready, current]);

  usePdfProgress({ slug, enabled: personal, ready, count, initial: props.initialProgress, containerRef });
  useHeartbeat(slug, personal || !!guest, () => {
    const place = ready && containerRef.current ? currentPlace(containerRef.current) : null;
    return place ? { chapterIndex: place.index, position: place.seen } : null;
  });

  const refreshHits = useCallback(() => {
    if (!search) return showHits([], null);
    const all: Range[] = [];
    let active: Range | null = null;
    for (const [index, root] of textRoots.current) {
      if (!root.isConnected || !root.childNodes.length) continue;
      const found = findAll(root, search.query);
      all.push(...found);
      if (index === search.index) active = found[search.occurrence] ?? found[0] ?? null;
    }
    showHits(all, active);
  }, [search]);
  useEffect(() => refreshHits(), [refreshHits]);
  useEffect(() => () => showHits([], null), []);

  const byPageRef = useRef(byPage);
  const refreshHitsRef = useRef(refreshHits);
  useEffect(() => {
    byPageRef.current = byPage;
    refreshHitsRef.current = refreshHits;
  });

  /** Brings a pending target on screen once its page's text is there. */
  const settle = useCallback((index: number, root: HTMLElement) => {
    const target = pending.current;
    if (!target || target.index !== index) return;
    pending.current = null;
    if (target.kind === "text") {
      const found = findAll(root, target.query);
      const range = found[target.occurrence] ?? found[0];
      if (range) scrollToRange(range);
      return;
    }
    const mark = firstMark(root, target.id);
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: "instant" });
    const marks = root.querySelectorAll(`mark[data-annotation-id="${CSS.escape(target.id)}"]`);
    marks.forEach((m) => m.classList.add("folio-hl-flash"));
    setTimeout(() => marks.forEach((m) => m.classList.remove("folio-hl-flash")), 1600);
  }, []);

  const onText = useCallback((index: number, root: HTMLElement, lostHere: string[]) => {
    textRoots.current.set(index, root);
    const here = byPageRef.current.get(index) ?? EMPTY;
    setLost((prev) => (lostHere.length || prev.size ? new Set([...[...prev].filter((id) => !here.some((h) => h.id === id)), ...lostHere]) : prev));
    refreshHitsRef.current();
    settle(index, root);
  }, [settle]);

  const onSize = useCallback((index: number, size: PageSize) => {
    setSizes((prev) => (prev.get(index)?.width === size.width && prev.get(index)?.height === size.height ? prev : new Map(prev).set(index, size)));
  }, []);

  const go = (index: number, target?: Pending | null, position = 0) => {
    const container = containerRef.current;
    if (!container || index < 0 || index >= count) return;
    hl.close();
    if (isNarrow()) setPanel(null);
    pending.current = target ?? null;
    scrollToPlace(container, index, position);
    setCurrent(index);
    const root = textRoots.current.get(index);
    if (target && root?.isConnected && root.childNodes.length) settle(index, root);
  };

  const goRef = useRef(go);
  useEffect(() => {
    goRef.current = go;
  });
  useKeyboardNav({
    onPrev: () => go(current - 1),
    onNext: () => go(current + 1),
    onEscape: () => {
      hl.close();
      setPanel(null);
      setSearch(null);
    },
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && (event.target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName));
      if (typing || event.altKey || event.metaKey || event.defaultPrevented) return;
      if (event.ctrlKey && (event.key === "+" || event.key === "=" || event.key === "-")) {
        event.preventDefault(); // the book's zoom, not the browser's
        stepZoom(event.key === "-" ? -1 : 1);
      } else if (!event.ctrlKey && (event.key === "+" || event.key === "=")) stepZoom(1);
      else if (!event.ctrlKey && event.key === "-") stepZoom(-1);
      else if (!event.ctrlKey && event.key === "Home") {
        event.preventDefault();
        goRef.current(0);
      } else if (!event.ctrlKey && event.key === "End") {
        event.preventDefault();
        goRef.current(count - 1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [stepZoom, count]);

  const ratio = base ? base.height / base.width : 1.4;
  return (
    // data-ready: the pages are laid out at the saved place and the reader is interactive (tests, benchmarks).
    <div className="folio-reader folio-pdf-reader min-h-screen" data-theme={settings.theme} data-ready={ready ? "" : undefined} data-format="pdf">
      <div className={panel === "notes" ? "lg:pr-[22rem]" : panel === "toc" ? "lg:pl-[22rem]" : ""}>
        <PdfToolbar title={publication.title} page={current} count={count} backHref={props.backHref} zoom={zoom} scale={scale ?? 1}
          theme={settings.theme} onTheme={settings.setTheme} onZoom={setZoom} onStep={stepZoom} onPage={(i) => go(i)}
          notesCount={personal ? store.annotations.length : null}
          onToc={() => setPanel((p) => (p === "toc" ? null : "toc"))} onNotes={personal ? () => setPanel((p) => (p === "notes" ? null : "notes")) : null} />
        {assignment && (
          <AssignedBanner assignment={assignment} current={current} unit="page" onBack={() => assignment.range && go(assignment.range.start)} />
        )}
        <ReaderNotices slug={slug} signedIn={signedIn} personal={personal} guest={guest} className="font-sans" />
        <main ref={areaRef} className="folio-pdf-area overflow-x-auto px-2 pb-24 pt-4 sm:px-4" style={{ minHeight: `calc(100vh - ${TOOLBAR_PX}px)` }}>
          {loadError ? (
            <div role="alert" className="py-24 text-center font-sans">
              <p>{loadError}</p>
              <button type="button" onClick={() => window.location.reload()} className="mt-4 rounded-md border border-(--reader-border) px-4 py-2 text-sm hover:bg-(--reader-hover)">Try again</button>
            </div>
          ) : doc && base && scale ? (
            <div ref={containerRef} className="w-max min-w-full">
              {Array.from({ length: doc.numPages }, (_, i) => (
                <PdfPage key={i} doc={doc} index={i} scale={scale} size={sizes.get(i) ?? base} onSize={onSize}
                  highlights={byPage.get(i) ?? EMPTY} onText={onText} onMarkClick={hl.openFor} />
              ))}
              <p className="mt-2 text-center font-sans text-xs text-(--reader-muted)">Page {current + 1} of {count} · ← → turn pages · + − zoom</p>
            </div>
          ) : (
            <p aria-live="polite" className="py-24 text-center font-sans text-(--reader-muted)">Opening the book…</p>
          )}
        </main>
      </div>
      <Drawer id="reader-toc" side="left" title="Contents and search" open={panel === "toc"} onClose={() => setPanel(null)}>
        <SearchBox slug={slug} unit="page" onGo={(i, query, occurrence) => {
          setSearch({ query, index: i, occurrence });
          go(i, { index: i, kind: "text", query, occurrence });
        }} />
        <div role="tablist" aria-label="Contents or pages" className="flex gap-1 border-b border-(--reader-border) px-3 pt-2 font-sans text-sm">
          {(["outline", "pages"] as const).map((tab) => (
            <button key={tab} type="button" role="tab" aria-selected={tocTab === tab} onClick={() => setTocTab(tab)}
              className={`rounded-t-md px-3 py-1.5 ${tocTab === tab ? "border-b-2 border-(--reader-accent) font-semibold" : "text-(--reader-muted)"}`}>
              {tab === "outline" ? "Contents" : "Pages"}
            </button>
          ))}
        </div>
        {tocTab === "outline"
          ? <TocList toc={props.toc} chapters={pages} current={current} assigned={assignment?.range ?? null} onGo={(i) => go(i)} />
          : <PdfThumbnails doc={doc} count={count} ratio={ratio} current={current} onGo={(i) => go(i)} />}
      </Drawer>
      {personal && (
        <Drawer id="reader-notes" side="right" title="Highlights and notes" open={panel === "notes"} onClose={() => setPanel(null)}>
          <NotesPanel exportUrl={readingApi.exportNotes(slug)} annotations={store.annotations} lost={lost} error={store.error} unit="page"
            chapters={pages} current={current} onUpdate={store.update} onDelete={store.remove}
            onAddNote={(note, chapterIndex) => store.create({ kind: "NOTE", note, ...(chapterIndex !== undefined ? { chapterIndex } : {}) })}
            onGo={(a) => go(a.chapterIndex!, a.kind === "HIGHLIGHT" ? { index: a.chapterIndex!, kind: "annotation", id: a.id } : null)} />
        </Drawer>
      )}
      {hl.popover && (
        <HighlightPopover key={`${hl.popover.annotationId ?? "new"}-${hl.popover.anchor.top}`} anchor={hl.popover.anchor} theme={settings.theme}
          annotation={hl.annotation} busy={hl.busy} onColor={hl.onColor} onSaveNote={hl.onSaveNote}
          onDelete={hl.annotation ? hl.onDelete : null} onClose={hl.close} onComposing={hl.setComposing} />
      )}
      {store.error && panel !== "notes" && (
        <p role="alert" className="fixed bottom-4 left-1/2 z-50 -translate-x-1/2 rounded-md bg-red-700 px-4 py-2 font-sans text-sm text-white shadow-lg">
          {store.error} <button type="button" onClick={store.clearError} className="ml-2 underline">Dismiss</button>
        </p>
      )}
    </div>
  );
}
