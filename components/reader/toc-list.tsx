import { inRange, type AssignedRange } from "@/lib/courses/assigned-range";
import type { ShellChapter, TocEntry } from "./types";

type Props = {
  toc: TocEntry[]; chapters: ShellChapter[]; current: number; onGo: (chapterIndex: number, fragment: string | null) => void;
  /** The chapters a course assigned, marked in the list. */
  assigned?: AssignedRange | null;
  /** Where the open chapter sits in the book, shown above the list. */
  trail?: string | null;
};

type EntriesProps = { entries: TocEntry[]; current: number; onGo: Props["onGo"]; depth: number; assigned: AssignedRange | null };

function Entries({ entries, current, onGo, depth, assigned }: EntriesProps) {
  return (
    <ol className={depth ? "ml-3 border-l border-(--reader-border) pl-2" : ""}>
      {entries.map((e, i) => {
        const here = e.chapterIndex === current && !e.fragment;
        const isAssigned = !!assigned && inRange(assigned, e.chapterIndex);
        return (
          <li key={`${e.chapterIndex}-${e.fragment ?? ""}-${i}`} data-assigned={isAssigned ? "" : undefined}>
            <button type="button" onClick={() => onGo(e.chapterIndex, e.fragment ?? null)} aria-current={here ? "location" : undefined}
              className={`flex w-full items-baseline gap-2 rounded-md px-2 py-1.5 text-left text-sm leading-snug hover:bg-(--reader-hover) ${here ? "font-semibold text-(--reader-accent)" : ""} ${isAssigned ? "border-l-2 border-(--reader-accent)" : ""}`}>
              <span className="min-w-0 flex-1">{e.title}</span>
              {isAssigned && <span className="shrink-0 text-xs font-normal text-(--reader-muted)">Assigned</span>}
            </button>
            {e.children?.length ? <Entries entries={e.children} current={current} onGo={onGo} depth={depth + 1} assigned={assigned} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The book's nested table of contents, or its chapter list when the book has none. */
export function TocList({ toc, chapters, current, onGo, assigned = null, trail = null }: Props) {
  const entries: TocEntry[] = toc.length ? toc : chapters.map((c) => ({ title: c.title || `Chapter ${c.index + 1}`, chapterIndex: c.index }));
  return (
    <nav aria-label="Table of contents" className="p-2">
      {trail && <p className="px-2 pb-2 text-xs text-(--reader-muted)" data-trail=""><span className="font-semibold">You are in:</span> {trail}</p>}
      <Entries entries={entries} current={current} onGo={onGo} depth={0} assigned={assigned} />
    </nav>
  );
}
