"use client";
import { useState, useTransition } from "react";
import type { SecretResult } from "../actions";
import { CopyButton } from "./copy-button";
import { secondaryButtonClass } from "@/components/ui/form-state";

type Props = {
  reveal: () => Promise<SecretResult>;
  rotate: () => Promise<SecretResult>;
  hasSecret: boolean;
  /** Wording for other secrets than the LTI 1.1 one (the signed-link key). */
  label?: string;
  rotateWarning?: string;
};

/** The LTI 1.1 shared secret: hidden until asked for; a new one replaces the old at once. */
export function SecretPanel({ reveal, rotate, hasSecret, label = "Shared secret", rotateWarning }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [pending, start] = useTransition();

  const run = (fn: () => Promise<SecretResult>, afterRotate: boolean) =>
    start(async () => {
      const result = await fn();
      if ("error" in result) return setError(result.error);
      setError(null);
      setSecret(result.secret);
      setConfirming(false);
      setRotated(afterRotate);
    });

  return (
    // A name and value group of the <dl> it sits in (integration credentials).
    <div className="py-3">
      <dt className="text-sm font-medium text-stone-800">{label}</dt>
      <dd>
        <div className="mt-1 flex items-center gap-2">
          <code className="min-w-0 flex-1 select-all break-all rounded-md bg-stone-50 px-2.5 py-1.5 font-mono text-xs text-stone-800 ring-1 ring-stone-200">
            {secret ?? (hasSecret ? "•".repeat(43) : "No secret yet: generate one.")}
          </code>
          {secret ? <CopyButton value={secret} /> : hasSecret && (
            <button type="button" onClick={() => run(reveal, false)} disabled={pending} className={secondaryButtonClass}>Reveal</button>
          )}
        </div>
        {rotated && <p role="status" className="mt-2 text-xs text-green-800">New {label.toLowerCase()} generated. Send it to the institution: the old one no longer works.</p>}
        {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
        {!confirming ? (
          <button type="button" onClick={() => setConfirming(true)} className={`${secondaryButtonClass} mt-3`}>Generate new key</button>
        ) : (
          <div role="alertdialog" aria-labelledby="rotate-title" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3">
            <p id="rotate-title" className="text-sm font-medium text-amber-900">Replace the {label.toLowerCase()}?</p>
            <p className="mt-1 text-xs text-amber-900">
              {rotateWarning ?? "The current secret stops working at once: every launch from the LMS fails until the institution enters the new one. Accounts and access are not affected."}
            </p>
            <div className="mt-3 flex gap-2">
              <button type="button" onClick={() => run(rotate, true)} disabled={pending}
                className="rounded-md bg-amber-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-60">
                {pending ? "Generating…" : "Generate new key"}
              </button>
              <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>Cancel</button>
            </div>
          </div>
        )}
      </dd>
    </div>
  );
}
