"use client";
import { useState, useTransition } from "react";
import type { SecretResult, SignedLinkResult } from "../actions";
import { CopyButton } from "./copy-button";
import { SecretPanel } from "./secret-panel";
import { inputClass, primaryButtonClass } from "@/components/ui/form-state";

type Props = {
  make: (days: number) => Promise<SignedLinkResult>;
  reveal: () => Promise<SecretResult>;
  rotate: () => Promise<SecretResult>;
  hasKey: boolean;
  entryUrl: string;
};

const CHOICES = [
  { days: 30, label: "30 days" },
  { days: 183, label: "6 months" },
  { days: 366, label: "1 year" },
  { days: 1098, label: "3 years" },
];

/** Makes a signed entry link to copy; the key (for intranets that sign per page view) and its rotation. */
export function SignedLinkPanel({ make, reveal, rotate, hasKey, entryUrl }: Props) {
  const [days, setDays] = useState(366);
  const [result, setResult] = useState<SignedLinkResult | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium text-stone-800">
          The link works for
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} className={`${inputClass} w-40`}>
            {CHOICES.map((c) => <option key={c.days} value={c.days}>{c.label}</option>)}
          </select>
        </label>
        <button type="button" disabled={pending || !hasKey} className={primaryButtonClass}
          onClick={() => start(async () => setResult(await make(days)))}>
          {pending ? "Signing…" : "Make link"}
        </button>
      </div>
      {result && ("error" in result ? (
        <p role="alert" className="text-sm text-red-700">{result.error}</p>
      ) : (
        <div>
          <p className="text-sm font-medium text-stone-800">Signed link, valid until {new Date(result.expiresAt).toLocaleDateString("en-GB", { dateStyle: "long" })}</p>
          <div className="mt-1 flex items-center gap-2">
            <code data-signed-link="" className="min-w-0 flex-1 select-all break-all rounded-md bg-stone-50 px-2.5 py-1.5 font-mono text-xs text-stone-800 ring-1 ring-stone-200">{result.link}</code>
            <CopyButton value={result.link} ariaLabel="Copy the signed link" />
          </div>
          <p className="mt-1 text-xs text-stone-500">Add <code>&amp;to=/read/&lt;book&gt;</code> to land on a book. Whoever has the link can use it until it expires or you generate a new key.</p>
        </div>
      ))}
      <details className="text-sm text-stone-700">
        <summary className="cursor-pointer font-medium text-stone-800">Stronger: the intranet signs a short link per visit</summary>
        <p className="mt-2">
          An intranet that can run code signs a link that works for a few minutes for each signed-in visitor, so a copied link is soon
          useless: <code className="break-all">{entryUrl}?exp=&lt;unix seconds&gt;&amp;sig=&lt;signature&gt;</code>, where the signature is
          HMAC-SHA256 with the key below over <code>folio-link.v1|&lt;integration ID&gt;|&lt;exp&gt;</code>, encoded base64url without padding.
        </p>
      </details>
      <dl className="border-t border-stone-100"><SecretPanel reveal={reveal} rotate={rotate} hasSecret={hasKey} label="Link key"
          rotateWarning="Every signed link made so far stops working at once, including the one on the intranet: make a new link and send it. Visitors already in keep reading until their 8-hour access runs out." /></dl>
    </div>
  );
}
