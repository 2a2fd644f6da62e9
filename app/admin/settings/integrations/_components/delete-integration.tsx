"use client";
import { useState, useTransition } from "react";
import { secondaryButtonClass } from "@/components/ui/form-state";

type Props = { name: string; people: number; grants: number; remove: () => Promise<{ error: string } | void> };

/** Delete, after saying plainly what happens to the people who came in through it. */
export function DeleteIntegration({ name, people, grants, remove }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!confirming) {
    return <button type="button" onClick={() => setConfirming(true)} className={`${secondaryButtonClass} text-red-700`}>Delete integration…</button>;
  }
  return (
    <div role="alertdialog" aria-labelledby="delete-title" className="rounded-lg border border-red-200 bg-red-50 p-4">
      <p id="delete-title" className="text-sm font-semibold text-red-900">Delete “{name}”?</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-900">
        <li>Launches from the LMS stop working at once, and its launch log is deleted.</li>
        <li>
          {people === 0 ? "Nobody has come in through it yet." : (
            <>The {people === 1 ? "person" : `${people} people`} who came in through it keep their accounts, {grants > 0 ? `their access (${grants} ${grants === 1 ? "grant" : "grants"})` : "their access"}, highlights, notes and reading statistics.</>
          )}
        </li>
        <li>A new integration with the same LMS registration or consumer key recognises them again on their next launch.</li>
      </ul>
      <p className="mt-2 text-xs text-red-800">To stop launches but keep everything, disable the integration instead.</p>
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
      <div className="mt-3 flex gap-2">
        <button type="button" disabled={pending}
          onClick={() => start(async () => { const r = await remove(); if (r?.error) setError(r.error); })}
          className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? "Deleting…" : "Delete integration"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>Cancel</button>
      </div>
    </div>
  );
}
