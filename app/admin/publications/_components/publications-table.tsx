import Link from "next/link";
import { formatPrice } from "@/lib/publications/catalog";
import { coverUrl } from "@/lib/publications/urls";

export type PublicationRow = {
  id: string; slug: string; title: string; author: string; isFree: boolean; priceCents: number; published: boolean;
  hasCover: boolean; format: "EPUB" | "PDF"; chapterCount: number; annotationCount: number; readers: number;
};

export function PublishedBadge({ published }: { published: boolean }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${published ? "bg-green-50 text-green-800 ring-green-200" : "bg-stone-100 text-stone-600 ring-stone-200"}`}>
      {published ? "Published" : "Draft"}
    </span>
  );
}

/** Every publication, drafts included, with what an owner checks at a glance. */
export function PublicationsTable({ rows }: { rows: PublicationRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th className="px-4 py-2">Publication</th><th className="px-4 py-2 text-right">Chapters / pages</th><th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">Price</th><th className="px-4 py-2 text-right">Readers</th><th className="px-4 py-2 text-right">Highlights &amp; notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((p) => (
            <tr key={p.id} className="hover:bg-stone-50">
              <td className="px-4 py-2">
                <Link href={`/admin/publications/${p.id}`} className="flex items-center gap-3">
                  {p.hasCover
                    // eslint-disable-next-line @next/next/no-img-element -- our own cover route
                    ? <img src={coverUrl(p.slug)} alt="" className="h-12 w-8 rounded-sm object-cover ring-1 ring-stone-900/10" />
                    : <span className="h-12 w-8 rounded-sm bg-gradient-to-br from-orange-900 to-stone-800" />}
                  <span>
                    <span className="block font-medium text-ink hover:text-brand">{p.title}</span>
                    <span className="block text-xs text-stone-600">{p.author}{p.format === "PDF" && <span className="ml-2 rounded bg-stone-100 px-1 py-px font-medium text-stone-700">PDF</span>}</span>
                  </span>
                </Link>
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{p.chapterCount}{p.format === "PDF" ? " pages" : ""}</td>
              <td className="px-4 py-2"><PublishedBadge published={p.published} /></td>
              <td className="px-4 py-2">{formatPrice(p.priceCents, p.isFree)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{p.readers}</td>
              <td className="px-4 py-2 text-right tabular-nums">{p.annotationCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
