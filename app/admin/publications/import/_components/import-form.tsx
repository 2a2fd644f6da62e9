"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, primaryButtonClass } from "@/components/ui/form-state";
import { sendFile } from "../../_components/send-file";

const MAX_CSV_MB = 5;
const MAX_ZIP_GB = 1;

/** CSV of metadata, then the zip of the books: the import's rows are made, then its files sent. */
export function ImportForm() {
  const router = useRouter();
  const [step, setStep] = useState<"idle" | "csv" | "zip">("idle");
  const [sent, setSent] = useState(0);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const csv = (form.elements.namedItem("csv") as HTMLInputElement).files?.[0];
    const zip = (form.elements.namedItem("zip") as HTMLInputElement).files?.[0];
    if (!csv) return setError("Choose the CSV of metadata.");
    if (!zip) return setError("Choose the zip of the books.");
    if (csv.size > MAX_CSV_MB * 1024 * 1024) return setError(`The CSV may be at most ${MAX_CSV_MB} MB; split it.`);
    if (zip.size > MAX_ZIP_GB * 1024 ** 3) return setError(`The zip may be at most ${MAX_ZIP_GB} GB; split the import.`);
    setError(null);
    setStep("csv");
    const created = await sendFile<{ id: string; location: string }>("/api/admin/publications/imports", csv, "text/csv");
    if (!created.ok) {
      setStep("idle");
      return setError(created.message);
    }
    setStep("zip");
    const staged = await sendFile(`/api/admin/publications/imports/${created.body.id}/files`, zip, "application/zip", setSent);
    if (!staged.ok) {
      setStep("idle");
      return setError(`${staged.message} The rows were kept: open the import below to see them, and start again with a good zip.`);
    }
    router.push(created.body.location);
  }

  const busy = step !== "idle";
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="csv" className="text-sm font-medium text-stone-800">Metadata (CSV)</label>
          <input id="csv" name="csv" type="file" accept=".csv,text/csv" disabled={busy} aria-describedby="csv-hint" className={inputClass} />
          <p id="csv-hint" className="mt-1 text-xs text-stone-600">
            A header row, then a row per book. Columns: <code>file</code> (required), <code>title</code>, <code>author</code>, <code>description</code>,
            {" "}<code>price</code> (like 4.99), <code>free</code> and <code>published</code> (yes or no), <code>isbn</code>, <code>slug</code>. Other columns are reported and ignored.
          </p>
        </div>
        <div>
          <label htmlFor="zip" className="text-sm font-medium text-stone-800">Books (zip of EPUB and PDF files)</label>
          <input id="zip" name="zip" type="file" accept=".zip,application/zip" disabled={busy} aria-describedby="zip-hint" className={inputClass} />
          <p id="zip-hint" className="mt-1 text-xs text-stone-600">Up to {MAX_ZIP_GB} GB. Each row&apos;s <code>file</code> is its path inside the zip.</p>
        </div>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy} className={primaryButtonClass}>
          {step === "csv" ? "Reading the CSV…" : step === "zip" ? (sent < 1 ? `Sending the books… ${Math.round(sent * 100)}%` : "Unpacking…") : "Import"}
        </button>
        {step === "zip" && sent < 1 && <progress max={1} value={sent} aria-label="Upload progress" className="h-2 w-48 accent-brand" />}
      </div>
    </form>
  );
}
