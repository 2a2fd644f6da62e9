"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/ui/field";
import { inputClass, secondaryButtonClass } from "@/components/ui/form-state";
import type { ActionResult } from "@/components/ui/confirm-action";

type Props = { person: string; plans: { id: string; name: string }[]; grant: (form: FormData) => Promise<ActionResult> };

/** Choose full access or a plan, then confirm what it gives. */
export function GrantAccess({ person, plans, grant }: Props) {
  const [choice, setChoice] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const chosen = choice === "full" ? "full access to every publication" : plans.find((p) => `plan:${p.id}` === choice)?.name;
  return (
    <div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="font-medium text-stone-800">Give access</span>
          <select value={choice} onChange={(e) => { setChoice(e.target.value); setConfirming(false); setResult(null); }} className={`${inputClass} w-auto`}>
            <option value="">Choose…</option>
            <option value="full">Full access</option>
            {plans.map((p) => <option key={p.id} value={`plan:${p.id}`}>Plan: {p.name}</option>)}
          </select>
        </label>
        <button type="button" disabled={!choice || confirming} onClick={() => setConfirming(true)} className={secondaryButtonClass}>Give…</button>
      </div>
      {confirming && chosen && (
        <div role="alertdialog" aria-label={`Give ${person} ${chosen}?`} className="mt-3 rounded-lg border border-stone-300 bg-stone-50 p-4 text-stone-900">
          <p className="text-sm font-semibold">Give {person} {choice === "full" ? chosen : `the plan “${chosen}”`}?</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            <li>They can read {choice === "full" ? "every publication" : "its publications"} from their next page or book opened.</li>
            <li>It is the store’s own grant: it does not depend on an integration and stays until you take it away.</li>
          </ul>
          <div className="mt-3 flex gap-2">
            <button type="button" disabled={pending} className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-orange-900 disabled:opacity-60"
              onClick={() => start(async () => {
                const form = new FormData();
                form.set("access", choice);
                const r = await grant(form);
                setResult(r);
                if (r.ok) { setConfirming(false); setChoice(""); }
              })}>
              {pending ? "Working…" : "Give access"}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>Cancel</button>
          </div>
        </div>
      )}
      {result && <div className="mt-2"><FormMessage message={result.message} ok={result.ok} /></div>}
    </div>
  );
}
