import Link from "next/link";
import type { MyLibrary } from "@/lib/library/my-library";
import { formatDate, formatDuration, formatPercent } from "./format";
import { ProgressBar } from "./progress-bar";

/** "My reading": time, progress, sittings and last read, per book and in total. */
export function MyReading({ books }: { books: MyLibrary["reading"] }) {
  const seconds = books.reduce((sum, b) => sum + b.seconds, 0);
  const sessions = books.reduce((sum, b) => sum + b.sessions, 0);
  return (
    <section aria-labelledby="my-reading" className="mt-16">
      <h2 id="my-reading" className="font-serif text-2xl font-semibold">My reading</h2>
      <p className="mt-1 text-sm text-stone-600">Only you see these numbers: time counts while the reader is open, visible and in use.</p>
      <dl className="mt-6 grid grid-cols-3 gap-4 sm:max-w-xl">
        {[["Time read", formatDuration(seconds)], ["Books opened", String(books.length)], ["Sessions", String(sessions)]].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <dt className="text-xs text-stone-500">{label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {books.length === 0 ? (
        <p className="mt-6 text-stone-600">Nothing yet. Open a book above and your reading shows up here.</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
              <tr><th className="px-4 py-2">Book</th><th className="px-4 py-2">Progress</th><th className="px-4 py-2">Time read</th><th className="px-4 py-2">Sessions</th><th className="px-4 py-2">Last read</th></tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {books.map((b) => (
                <tr key={b.slug}>
                  <td className="px-4 py-3">
                    <Link href={`/read/${b.slug}`} className="font-medium hover:text-brand">{b.title}</Link>
                    <span className="block text-xs text-stone-500">{b.author}</span>
                  </td>
                  <td className="w-48 px-4 py-3"><ProgressBar percent={b.percent} label={`Progress in ${b.title}`} /><span className="text-xs text-stone-500">{formatPercent(b.percent)}{b.total > 0 ? ` · ${b.seen} of ${b.total} ${b.format === "PDF" ? "pages" : "chapters"} seen` : ""}</span></td>
                  <td className="px-4 py-3 tabular-nums">{formatDuration(b.seconds)}</td>
                  <td className="px-4 py-3 tabular-nums">{b.sessions}</td>
                  <td className="px-4 py-3">{formatDate(b.lastReadAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
