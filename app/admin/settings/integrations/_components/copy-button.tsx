"use client";
import { useState } from "react";

/** Copies a value to the clipboard and says so for two seconds. */
export function CopyButton({ value, label = "Copy", ariaLabel }: { value: string; label?: string; ariaLabel?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (an http page, an old browser): the value stays selectable on screen.
      setCopied(false);
    }
  }
  return (
    <button type="button" onClick={copy} aria-label={ariaLabel ?? `${label}: ${value}`}
      className="shrink-0 rounded-md border border-stone-300 bg-white px-2.5 py-1 text-xs font-medium text-stone-700 shadow-sm hover:bg-stone-50">
      <span aria-live="polite">{copied ? "Copied ✓" : label}</span>
    </button>
  );
}
