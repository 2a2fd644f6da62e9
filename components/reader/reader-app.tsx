"use client";
import "./reader.css";
import { ReaderNotices } from "@/components/reader/reader-notices";
import { useCallback, useMemo, useRef, useState } from "react";
import { chapterTrails, trailText } from "@/lib/reading/breadcrumbs";
import { formatPercent, formatTimeLeft, minutesLeft, placeInBook, type Pace } from "@/lib/reading/time-left";
import { AssignedBanner, type Assignment } from "./assigned-banner";
import { ChapterNav } from "./chapter-nav";
import { ChapterView } from "./chapter-view";
import { Drawer } from "./drawer";
import { HighlightPopover } from "./highlight-popover";
import { NotesPanel } from "./notes-panel";
import { readingApi } from "./api";
import { ReaderToolbar } from "./reader-toolbar";
import { SearchBox } from "./search-box";
import { TocList } from "./toc-list";
import type { ReaderChapter, ShellChapter, Target, TocEntry } from "./types";
import { useAnnotations } from "./use-annotations";
import { useChapter } from "./use-chapter";
import { useChapterPosition } from "./use-chapter-position";
import { useHeartbeat } from "./use-heartbeat";
import { useHighlighting } from "./use-highlighting";
import { useKeyboardNav } from "./use-keyboard-nav";
import { usePageChrome } from "./use-page-chrome";
import { measurePosition, useProgress } from "./use-progress";
import { useReaderNavigation } from "./use-reader-navigation";
import { useReaderSettings } from "./use-reader-settings";

export type ReaderAppProps = {
  publication: { slug: string; title: string; author: string };
  toc: TocEntry[];
  chapters: ShellChapter[];
  initialChapter: ReaderChapter | null;
  initialIndex: number;
  initialTarget: Target;
  initialProgress: { chapterIndex: number; position: number; percent: number } | null;
  /** The person's reading pace (words a minute), for the time left in the book. */
  pace?: Pace;
  /** The page was asked for by a frame (an LMS course page): the site header is left out from the start. */
  framed?: boolean;
  /** Visitors may read free books, but keep no place, highlights or notes. */
  signedIn: boolean;
  /** Place, highlights, notes and statistics are kept (signed in, and not a draft being previewed). */
  personal: boolean;
  backHref: string;
  /** Reading through an institution's shared (guest) access: nothing personal is kept. */
  guest?: { integrationName: string } | null;
  /** The reading a course link assigns here, for a member of that course. */
  assignment?: Assignment | null;
};

const isNarrow = () => window.matchMedia("(max-width: 1023px)").matches;

/** The reader canvas: one chapter at a time, rendered from the sanitized HTML the chapter API serves. */
export function ReaderApp(props: ReaderAppProps) {
  const { publication, chapters, signedIn, personal, assignment, guest } = props;
  const slug = publication.slug;
  const rootRef = useRef<HTMLDivElement | null>(null);
  const settings = useReaderSettings();
  const nav = useReaderNavigation({ slug, count: chapters.length, initialIndex: props.initialIndex, initialTarget: props.initialTarget, rootRef, linkId: assignment?.linkId });
  const { chapter, loading, error, retry } = useChapter(slug, nav.index, props.initialChapter);
  const store = useAnnotations(slug, personal);
  const hl = useHighlighting({ rootRef, index: nav.index, enabled: personal && !!chapter, store });
  const [panel, setPanelState] = useState<"toc" | "notes" | null>(null);
  const [typeOpen, setTypeOpen] = useState(false);
  // A panel opening closes the popovers (the highlight toolbar, the text settings).
  const setPanel = (next: "toc" | "notes" | null | ((p: "toc" | "notes" | null) => "toc" | "notes" | null)) => {
    hl.close();
    setTypeOpen(false);
    setPanelState(next);
  };
  usePageChrome(settings.theme);
  const trails = useMemo(() => chapterTrails(props.toc, publication.title, chapters), [props.toc, publication.title, chapters]);
  const trailOf = (i: number) => (trails[i]?.length ? trailText(trails[i]!) : null);
  const words = useMemo(() => chapters.map((c) => c.wordCount), [chapters]);
  const startPosition = props.initialProgress?.chapterIndex === props.initialIndex ? props.initialProgress.position : 0;
  const position = useChapterPosition(rootRef, nav.ready && !!chapter, nav.index, startPosition);
  const place = chapters.length ? placeInBook(words, nav.index, position) : null;
  const pace = props.pace ?? null;
  const progressLabel = place ? `${formatPercent(place.percent)} of the book${pace ? ` · ${formatTimeLeft(minutesLeft(place.wordsLeft, pace))}` : ""}` : null;
  const [lost, setLost] = useState<Set<string>>(new Set());
  useProgress({ slug, enabled: personal, ready: nav.ready && !!chapter, index: nav.index, chapters, initial: props.initialProgress, rootRef });
  // Only once the chapter on screen is the one navigated to, at its restored place.
  // A guest's beats count reading for the institution (no person is recorded).
  useHeartbeat(slug, personal || !!guest, () => (nav.ready && chapter?.index === nav.index && rootRef.current
    ? { chapterIndex: nav.index, position: measurePosition(rootRef.current) } : null));

  const go = (index: number, target?: Target, history?: "push") => {
    hl.close();
    if (isNarrow()) setPanel(null);
    nav.go(index, target, history);
  };
  useKeyboardNav({
    onPrev: () => chapter?.prev && go(chapter.prev.index),
    onNext: () => chapter?.next && go(chapter.next.index),
    onEscape: () => { hl.close(); setTypeOpen(false); setPanel(null); },
  });

  const here = store.annotations.filter((a) => a.kind === "HIGHLIGHT" && a.chapterIndex === nav.index);
  const { applyPending } = nav;
  const onRendered = useCallback((lostHere: string[]) => {
    setLost((prev) => (lostHere.length || prev.size ? new Set([...[...prev].filter((id) => !here.some((h) => h.id === id)), ...lostHere]) : prev));
    applyPending();
  }, [applyPending, here]);
  const chapterTitle = chapter?.title || chapters[nav.index]?.title || `Chapter ${nav.index + 1}`;

  return (
    // data-ready: the chapter is on screen at the saved place and the reader is interactive (tests, benchmarks).
    <div className="folio-reader min-h-screen" data-theme={settings.theme} data-ready={nav.ready ? "" : undefined} data-framed={props.framed ? "" : undefined}>
      {/* Focus moves without touching the address: a new #hash would read as a move to another place in the book. */}
      <a href="#reader-text" className="folio-skip font-sans text-sm"
        onClick={(e) => { e.preventDefault(); document.getElementById("reader-text")?.focus(); }}>Skip to the text</a>
      {/* From lg up a panel sits beside the text: make room for it rather than cover it. */}
      <div className={panel === "notes" ? "lg:pr-[22rem]" : panel === "toc" ? "lg:pl-[22rem]" : ""}>
        <ReaderToolbar title={publication.title} trail={trails[nav.index]?.length ? trails[nav.index]! : [chapterTitle]} backHref={props.backHref}
          backLabel={signedIn ? "Back to my library" : "Back to the book's page"} backText={signedIn ? "Library" : "Book"} settings={settings}
          progress={place && progressLabel ? { percent: place.percent, label: progressLabel } : null}
          typeOpen={typeOpen} onType={(open) => { if (open) hl.close(); setTypeOpen(open); }} panel={panel}
          notesCount={personal ? store.annotations.length : null}
          onToc={() => setPanel((p) => (p === "toc" ? null : "toc"))} onNotes={personal ? () => setPanel((p) => (p === "notes" ? null : "notes")) : null} />
        {assignment && (
          <AssignedBanner assignment={assignment} current={nav.index}
            onBack={() => assignment.range && go(assignment.range.start, assignment.range.startFragment ? { kind: "fragment", id: assignment.range.startFragment } : { kind: "top" }, "push")} />
        )}
        <ReaderNotices slug={slug} signedIn={signedIn} personal={personal} guest={guest} />
        <main id="reader-text" tabIndex={-1} aria-label={chapterTitle} className="mx-auto max-w-[40rem] px-5 pb-24 pt-8 outline-none sm:px-8" style={{ fontSize: settings.fontSize }}>
          {chapter ? (
            <>
              <ChapterView key={chapter.index} slug={slug} html={chapter.html} highlights={here} rootRef={rootRef} onRendered={onRendered}
                onNavigate={(i, fragment) => go(i, fragment ? { kind: "fragment", id: fragment } : { kind: "top" }, "push")}
                onFragment={(id) => nav.scrollWithin({ kind: "fragment", id })} onMarkClick={hl.openFor} />
              <ChapterNav chapter={chapter} onGo={(i) => go(i)} />
              <p className="mt-6 text-center font-sans text-xs text-(--reader-muted)">
                Chapter {chapter.index + 1} of {chapter.count}{progressLabel ? ` · ${progressLabel}` : ""} · ← → to turn chapters
              </p>
            </>
          ) : error ? (
            <div role="alert" className="py-24 text-center font-sans">
              <p>{error}</p>
              <button type="button" onClick={retry} className="mt-4 rounded-md border border-(--reader-border) px-4 py-2 text-sm hover:bg-(--reader-hover)">Try again</button>
            </div>
          ) : (
            <p aria-live="polite" className="py-24 text-center font-sans text-(--reader-muted)">{loading ? "Loading the chapter…" : ""}</p>
          )}
        </main>
      </div>
      <Drawer id="reader-toc" side="left" title="Contents and search" open={panel === "toc"} onClose={() => setPanel(null)}>
        <SearchBox slug={slug} trailOf={trailOf} onGo={(i, query, occurrence) => go(i, { kind: "text", query, occurrence })} />
        <TocList toc={props.toc} chapters={chapters} current={nav.index} assigned={assignment?.range ?? null} trail={trailOf(nav.index)} onGo={(i, fragment) => go(i, fragment ? { kind: "fragment", id: fragment } : undefined)} />
      </Drawer>
      {personal && (
        <Drawer id="reader-notes" side="right" title="Highlights and notes" open={panel === "notes"} onClose={() => setPanel(null)}>
          <NotesPanel exportUrl={readingApi.exportNotes(slug)} annotations={store.annotations} lost={lost} error={store.error}
            chapters={chapters} current={nav.index} trailOf={trailOf} onUpdate={store.update} onDelete={store.remove}
            onAddNote={(note, chapterIndex) => store.create({ kind: "NOTE", note, ...(chapterIndex !== undefined ? { chapterIndex } : {}) })}
            onGo={(a) => go(a.chapterIndex!, a.kind === "HIGHLIGHT" ? { kind: "annotation", id: a.id } : { kind: "top" })} />
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
