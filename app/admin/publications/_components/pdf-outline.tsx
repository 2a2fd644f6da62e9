import Link from "next/link";
import type { TocEntry } from "@/lib/publications/epub/toc";

/** A PDF's outline as read from the file, each entry with its page (a link into the reader). */
export function PdfOutline({ slug, toc }: { slug: string; toc: TocEntry[] }) {
  if (!toc.length) return <p className="text-sm text-stone-600">This PDF has no outline; the reader lists its pages.</p>;
  return <div className="max-h-[28rem] overflow-y-auto text-sm"><Entries slug={slug} entries={toc} /></div>;
}

function Entries({ slug, entries }: { slug: string; entries: TocEntry[] }) {
  return (
    <ol className="space-y-1">
      {entries.map((e, i) => (
        <li key={`${e.chapterIndex}-${i}`}>
          <div className="flex gap-2">
            <Link href={`/read/${slug}?chapter=${e.chapterIndex}`} className="min-w-0 flex-1 truncate hover:text-brand">{e.title}</Link>
            <span className="tabular-nums text-xs text-stone-600">p. {e.chapterIndex + 1}</span>
          </div>
          {e.children?.length ? <div className="ml-4 mt-1"><Entries slug={slug} entries={e.children} /></div> : null}
        </li>
      ))}
    </ol>
  );
}
