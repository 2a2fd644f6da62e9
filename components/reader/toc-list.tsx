import type { ShellChapter, TocEntry } from "./types";

type Props = { toc: TocEntry[]; chapters: ShellChapter[]; current: number; onGo: (chapterIndex: number, fragment: string | null) => void };

function Entries({ entries, current, onGo, depth }: { entries: TocEntry[]; current: number; onGo: Props["onGo"]; depth: number }) {
  return (
    <ol className={depth ? "ml-3 border-l border-(--reader-border) pl-2" : ""}>
      {entries.map((e, i) => {
        const here = e.chapterIndex === current && !e.fragment;
        return (
          <li key={`${e.chapterIndex}-${e.fragment ?? ""}-${i}`}>
            <button type="button" onClick={() => onGo(e.chapterIndex, e.fragment ?? null)} aria-current={here ? "location" : undefined}
              className={`block w-full rounded-md px-2 py-1.5 text-left text-sm leading-snug hover:bg-(--reader-hover) ${here ? "font-semibold text-(--reader-accent)" : ""}`}>
              {e.title}
            </button>
            {e.children?.length ? <Entries entries={e.children} current={current} onGo={onGo} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The book's nested table of contents, or its chapter list when the book has none. */
export function TocList({ toc, chapters, current, onGo }: Props) {
  const entries: TocEntry[] = toc.length ? toc : chapters.map((c) => ({ title: c.title || `Chapter ${c.index + 1}`, chapterIndex: c.index }));
  return (
    <nav aria-label="Table of contents" className="p-2">
      <Entries entries={entries} current={current} onGo={onGo} depth={0} />
    </nav>
  );
}
