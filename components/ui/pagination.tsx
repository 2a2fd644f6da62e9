import Link from "next/link";

type Props = {
  /** Back to the first page; give it only when not on the first page. */
  newestHref?: string | null;
  /** The page before; undefined when the list does not page backwards (only "Newest"). */
  newerHref?: string | null;
  olderHref: string | null;
  label?: string;
};

/** Newest / newer / older links for keyset-paged lists (no page numbers: they would need a count of everything before). */
export function Pagination({ newestHref, newerHref, olderHref, label = "Pages" }: Props) {
  if (!newestHref && !newerHref && !olderHref) return null;
  const link = "rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-700 shadow-sm hover:bg-stone-50";
  const off = "rounded-md border border-stone-200 px-3 py-1.5 text-stone-600";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-2 text-sm">
      {newestHref && <Link href={newestHref} className={link}>« Newest</Link>}
      {newerHref !== undefined && (newerHref ? <Link href={newerHref} className={link} rel="prev">‹ Newer</Link> : <span aria-disabled="true" className={off}>‹ Newer</span>)}
      {olderHref ? <Link href={olderHref} className={link} rel="next">Older ›</Link> : <span aria-disabled="true" className={off}>Older ›</span>}
    </nav>
  );
}
