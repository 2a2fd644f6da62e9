import type { ReaderChapter } from "@/lib/publications/content";
import type { TocEntry } from "@/lib/publications/epub/toc";
import type { ShellChapter } from "@/lib/library/reader-shell";
import type { AnnotationView } from "@/lib/reading/annotations";

export type { ReaderChapter, TocEntry, ShellChapter };

/** An annotation as the reader receives it over JSON (dates are strings). */
export type Annotation = Omit<AnnotationView, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

/** Where to bring the reader once a chapter is on screen. */
export type Target =
  | { kind: "top" }
  | { kind: "position"; value: number }
  | { kind: "fragment"; id: string }
  | { kind: "annotation"; id: string }
  /** The n-th (0-based) match of a search in the chapter. */
  | { kind: "text"; query: string; occurrence: number };

/** A passage the person selected, anchored by offsets in the chapter's text. */
export type TextSelection = { chapterIndex: number; start: number; end: number; quote: string; rect: DOMRect };
