"use client";
import { memo, useLayoutEffect, useRef } from "react";
import { clearHighlights, markIdAt, paintHighlights } from "./dom-ranges";
import type { Annotation } from "./types";

type Props = {
  slug: string;
  html: string;
  highlights: Annotation[];
  rootRef: React.RefObject<HTMLDivElement | null>;
  /** Called after the chapter (and its highlights) is in the DOM, with the ids whose text is gone. */
  onRendered: (lost: string[]) => void;
  onNavigate: (chapterIndex: number, fragment: string | null) => void;
  onFragment: (id: string) => void;
  onMarkClick: (id: string, rect: DOMRect) => void;
};

/** The book's own markup, sanitized at ingestion; set once per chapter so painted marks survive re-renders. */
const ChapterHtml = memo(function ChapterHtml({ html, rootRef }: { html: string; rootRef: Props["rootRef"] }) {
  return <div ref={rootRef} className="folio-chapter" dangerouslySetInnerHTML={{ __html: html }} />;
});

/** Links inside a book point at /read/<slug>?chapter=N#id (rewritten at ingestion) or at #id. */
function internalTarget(anchor: HTMLAnchorElement, slug: string): { chapter: number | null; fragment: string | null } | null {
  const href = anchor.getAttribute("href");
  if (!href) return null;
  if (href.startsWith("#")) return { chapter: null, fragment: decodeURIComponent(href.slice(1)) || null };
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname !== `/read/${encodeURIComponent(slug)}`) return null;
  const chapter = Number(url.searchParams.get("chapter"));
  return { chapter: Number.isInteger(chapter) && chapter >= 0 ? chapter : 0, fragment: url.hash ? decodeURIComponent(url.hash.slice(1)) : null };
}

export function ChapterView({ slug, html, highlights, rootRef, onRendered, onNavigate, onFragment, onMarkClick }: Props) {
  const rendered = useRef(onRendered);
  useLayoutEffect(() => {
    rendered.current = onRendered;
  });
  const paintKey = JSON.stringify(highlights.map((h) => [h.id, h.startOffset, h.endOffset, h.color, !!h.note]));

  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    clearHighlights(root);
    rendered.current(paintHighlights(root, highlights));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- repaint when the highlights' anchors or looks change
  }, [html, paintKey, rootRef]);

  const onClick = (event: React.MouseEvent) => {
    const markId = markIdAt(event.target);
    if (markId && window.getSelection()?.isCollapsed !== false) {
      onMarkClick(markId, (event.target as Element).closest("mark")!.getBoundingClientRect());
      return;
    }
    const anchor = (event.target as Element).closest?.("a");
    if (!anchor || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const target = internalTarget(anchor, slug);
    if (!target) return;
    event.preventDefault();
    if (target.chapter === null) {
      if (target.fragment) onFragment(target.fragment);
    } else onNavigate(target.chapter, target.fragment);
  };

  return (
    // Clicks are delegated: links and highlights are inside the book's markup (the notes panel is the keyboard path).
    <div onClick={onClick}>
      <ChapterHtml html={html} rootRef={rootRef} />
    </div>
  );
}
