"use client";
import { useState, useTransition } from "react";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/form-state";

/** Publish or unpublish in one click; readers keep their notes either way. */
export function PublishToggle({ published, toggle }: { published: boolean; toggle: (published: boolean) => Promise<{ error: string } | void> }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end">
      <button type="button" disabled={pending} className={published ? secondaryButtonClass : primaryButtonClass}
        onClick={() => start(async () => { const r = await toggle(!published); setError(r?.error ?? null); })}>
        {pending ? "Saving…" : published ? "Unpublish" : "Publish"}
      </button>
      {error && <p role="alert" className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}
