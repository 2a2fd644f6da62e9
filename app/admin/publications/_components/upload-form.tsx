"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError, FormMessage } from "@/components/ui/field";
import { inputClass, primaryButtonClass } from "@/components/ui/form-state";
import { kindOf, MAX_UPLOAD_MB, sendUpload, tooLargeMessage, type UploadAnswer } from "./send-upload";

type Phase = { kind: "idle" } | { kind: "sending"; sent: number } | { kind: "reading" } | { kind: "done" };

/**
 * Upload an EPUB or a PDF: the file goes to the upload endpoint with its progress shown, then is read,
 * checked and stored; a refused file says why, next to the field, and what was typed stays.
 */
export function UploadForm() {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [answer, setAnswer] = useState<Extract<UploadAnswer, { ok: false }> | null>(null);
  const [slug, setSlug] = useState("");
  const errors = answer?.fields ?? {};
  const busy = phase.kind !== "idle";

  async function submit(event: React.SyntheticEvent<HTMLElement>, allowDuplicates = false) {
    event.preventDefault();
    const form = (event.currentTarget as HTMLElement).closest("form")!;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file || file.size === 0) return setAnswer({ ok: false, fields: { file: "Choose an EPUB or PDF file to upload." } });
    const kind = kindOf(file);
    if (!kind) return setAnswer({ ok: false, fields: { file: "Choose an EPUB (.epub) or PDF (.pdf) file." } });
    if (file.size > MAX_UPLOAD_MB[kind] * 1024 * 1024) return setAnswer({ ok: false, fields: { file: tooLargeMessage(kind) } });
    setAnswer(null);
    setPhase({ kind: "sending", sent: 0 });
    const result = await sendUpload(file, kind, slug.trim(), (sent) => setPhase(sent < 1 ? { kind: "sending", sent } : { kind: "reading" }), allowDuplicates);
    if (result.ok) {
      setPhase({ kind: "done" });
      return router.push(result.location);
    }
    setPhase({ kind: "idle" });
    setAnswer(result);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormMessage message={answer?.message} />
      {answer?.duplicate && (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>{answer.duplicate}</p>
          <div className="mt-2 flex gap-3">
            <button type="button" className={primaryButtonClass} disabled={busy}
              onClick={(e) => void submit(e, true)}>Upload anyway</button>
            <button type="button" className="text-sm font-medium text-stone-700 underline" onClick={() => setAnswer(null)}>Cancel</button>
          </div>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-[1fr_16rem]">
        <div>
          <label htmlFor="file" className="text-sm font-medium text-stone-800">Book file (EPUB or PDF)</label>
          <input id="file" name="file" type="file" accept=".epub,application/epub+zip,.pdf,application/pdf" required disabled={busy}
            aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? "file-error" : "file-hint"}
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-brand-light file:px-3 file:py-1 file:text-sm file:font-medium file:text-brand`} />
          {!errors.file && <p id="file-hint" className="mt-1 text-xs text-stone-600">EPUB 2 or 3 up to {MAX_UPLOAD_MB.epub} MB, or PDF up to {MAX_UPLOAD_MB.pdf} MB (5,000 pages), without DRM or a password. Title, author, cover and chapters or outline are read from the file.</p>}
          <FieldError name="file" error={errors.file} />
        </div>
        <div>
          <label htmlFor="slug" className="text-sm font-medium text-stone-800">Address <span className="font-normal text-stone-600">(optional)</span></label>
          <input id="slug" name="slug" type="text" value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="from the title" spellCheck={false} disabled={busy}
            aria-invalid={errors.slug ? true : undefined} aria-describedby={errors.slug ? "slug-error" : "slug-hint"} className={`${inputClass} font-mono`} />
          {!errors.slug && <p id="slug-hint" className="mt-1 text-xs text-stone-600">/read/<em>address</em>; it never changes.</p>}
          <FieldError name="slug" error={errors.slug} />
        </div>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy} className={primaryButtonClass}>{label(phase)}</button>
        {phase.kind === "sending" ? (
          <progress max={1} value={phase.sent} aria-label="Upload progress" className="h-2 w-48 accent-brand">{Math.round(phase.sent * 100)}%</progress>
        ) : (
          <p role="status" className="text-xs text-stone-600">{phase.kind === "reading" ? "Checking the file and storing its chapters or pages; a long book takes a few seconds." : "It starts unpublished: check it, set the price, then publish."}</p>
        )}
      </div>
    </form>
  );
}

function label(phase: Phase): string {
  if (phase.kind === "sending") return `Uploading… ${Math.round(phase.sent * 100)}%`;
  if (phase.kind === "reading") return "Reading the book…";
  if (phase.kind === "done") return "Opening…";
  return "Upload";
}
