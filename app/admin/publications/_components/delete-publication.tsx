"use client";
import { useState, useTransition } from "react";
import { secondaryButtonClass } from "@/components/ui/form-state";

type Impact = { title: string; highlights: number; notes: number; readers: number };
type Props = { impact: Impact; remove: () => Promise<{ error: string } | void> };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Delete, after saying plainly what goes with the book. */
export function DeletePublication({ impact, remove }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!confirming) {
    return <button type="button" onClick={() => setConfirming(true)} className={`${secondaryButtonClass} text-red-700`}>Delete publication…</button>;
  }
  return (
    <div role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-what" className="rounded-lg border border-red-200 bg-red-50 p-4">
      <p id="delete-title" className="text-sm font-semibold text-red-900">Delete “{impact.title}”?</p>
      <ul id="delete-what" className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-900">
        <li>The EPUB, its chapters, images and cover are deleted.</li>
        <li>
          {count(impact.highlights, "highlight", "highlights")} and {count(impact.notes, "note", "notes")} go with it, and the reading
          statistics of {count(impact.readers, "reader", "readers")}.
        </li>
        <li>Links to /read/… for this book stop working. This cannot be undone.</li>
      </ul>
      <p className="mt-2 text-xs text-red-800">To take it out of the catalog but keep everything, unpublish it instead.</p>
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
      <div className="mt-3 flex gap-2">
        <button type="button" disabled={pending} onClick={() => start(async () => { const r = await remove(); if (r?.error) setError(r.error); })}
          className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? "Deleting…" : "Delete publication and notes"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>Cancel</button>
      </div>
    </div>
  );
}
