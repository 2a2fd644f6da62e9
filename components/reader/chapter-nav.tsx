import type { ReaderChapter } from "./types";

type Props = { chapter: ReaderChapter; onGo: (index: number) => void };

/** Previous / next at the foot of a chapter, with where they lead. */
export function ChapterNav({ chapter, onGo }: Props) {
  const link = "flex min-w-0 flex-1 flex-col rounded-lg border border-(--reader-border) px-4 py-3 hover:bg-(--reader-hover)";
  return (
    <nav aria-label="Chapters" className="mt-12 flex gap-3 font-sans">
      {chapter.prev ? (
        <button type="button" onClick={() => onGo(chapter.prev!.index)} className={`${link} items-start text-left`}>
          <span className="text-xs text-(--reader-muted)">← Previous</span>
          <span className="w-full truncate text-sm font-medium">{chapter.prev.title}</span>
        </button>
      ) : <span className="flex-1" />}
      {chapter.next ? (
        <button type="button" onClick={() => onGo(chapter.next!.index)} className={`${link} items-end text-right`}>
          <span className="text-xs text-(--reader-muted)">Next →</span>
          <span className="w-full truncate text-sm font-medium">{chapter.next.title}</span>
        </button>
      ) : <span className="flex-1 self-center text-center text-sm text-(--reader-muted)">The end.</span>}
    </nav>
  );
}
