"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/ui/field";
import { secondaryButtonClass } from "@/components/ui/form-state";

/** What a confirmed action answers: a sentence, green when it worked. */
export type ActionResult = { ok: boolean; message: string };

type Props = {
  /** The button that opens the confirmation, e.g. "Disable account…". */
  label: string;
  /** The question, e.g. "Disable Ann Smith's account?" */
  title: string;
  /** What will happen, one sentence each. */
  points: string[];
  /** The button that does it, naming the consequence, e.g. "Delete Ann Smith and their data". */
  confirmLabel: string;
  tone?: "danger" | "normal";
  /** A server action bound to its arguments. */
  action: () => Promise<ActionResult | void>;
};

/**
 * A button that first says what will happen and does it only on a second, explicit click;
 * for every action of the Control Panel that changes someone's data or access.
 */
export function ConfirmAction({ label, title, points, confirmLabel, tone = "normal", action }: Props) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const danger = tone === "danger";
  return (
    <div>
      {!open ? (
        <button type="button" onClick={() => { setOpen(true); setResult(null); }} className={`${secondaryButtonClass} ${danger ? "text-red-700" : ""}`}>{label}</button>
      ) : (
        <div role="alertdialog" aria-label={title} className={`rounded-lg border p-4 ${danger ? "border-red-200 bg-red-50 text-red-900" : "border-stone-300 bg-stone-50 text-stone-900"}`}>
          <p className="text-sm font-semibold">{title}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">{points.map((p) => <li key={p}>{p}</li>)}</ul>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" disabled={pending}
              onClick={() => start(async () => { const r = await action(); if (r) { setResult(r); if (r.ok) setOpen(false); } })}
              className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-800" : "bg-brand hover:bg-orange-900"}`}>
              {pending ? "Working…" : confirmLabel}
            </button>
            <button type="button" onClick={() => setOpen(false)} className={secondaryButtonClass}>Cancel</button>
          </div>
        </div>
      )}
      {result && <div className="mt-2"><FormMessage message={result.message} ok={result.ok} /></div>}
    </div>
  );
}
