"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, primaryButtonClass } from "@/components/ui/form-state";
import { sendFile } from "./send-file";

type Replaced = { chapterCount: number; highlights: { placed: number; unplaced: number }; people: number; progressMoved: number };

/** Replace the book's file with a new edition, or its cover with an image. */
export function PublisherTools({ id }: { id: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<null | "file" | "cover">(null);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [sent, setSent] = useState(0);

  async function replaceFile(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem("edition") as HTMLInputElement).files?.[0];
    if (!file) return setStatus({ kind: "error", text: "Choose the new edition's EPUB file." });
    setBusy("file");
    setStatus(null);
    const answer = await sendFile<Replaced>(`/api/admin/publications/${id}/file`, file, "application/epub+zip", setSent);
    setBusy(null);
    if (!answer.ok) return setStatus({ kind: "error", text: answer.message });
    const { highlights, people, chapterCount } = answer.body;
    setStatus({
      kind: "ok",
      text: `Replaced: ${chapterCount} chapters. ${highlights.placed} ${highlights.placed === 1 ? "highlight" : "highlights"} placed in the new edition`
        + (highlights.unplaced ? `; ${highlights.unplaced} could not be found (kept and marked, and ${people} ${people === 1 ? "person was" : "people were"} told).` : "."),
    });
    router.refresh();
  }

  async function replaceCover(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem("cover") as HTMLInputElement).files?.[0];
    if (!file) return setStatus({ kind: "error", text: "Choose an image for the cover." });
    if (file.size > 10 * 1024 * 1024) return setStatus({ kind: "error", text: "A cover image may be at most 10 MB." });
    setBusy("cover");
    setStatus(null);
    const answer = await sendFile(`/api/admin/publications/${id}/cover`, file, file.type || "application/octet-stream");
    setBusy(null);
    if (!answer.ok) return setStatus({ kind: "error", text: answer.message });
    setStatus({ kind: "ok", text: "Cover replaced." });
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={replaceFile} className="space-y-2">
        <label htmlFor="edition" className="text-sm font-medium text-stone-800">New edition (EPUB)</label>
        <input id="edition" name="edition" type="file" accept=".epub,application/epub+zip" disabled={!!busy} aria-describedby="edition-hint" className={inputClass} />
        <p id="edition-hint" className="text-xs text-stone-600">Chapters are replaced; readers keep their highlights, notes and place. Highlights whose text is gone are kept and marked.</p>
        <button type="submit" disabled={!!busy} className={primaryButtonClass}>{busy === "file" ? (sent < 1 ? `Uploading… ${Math.round(sent * 100)}%` : "Moving highlights…") : "Replace file"}</button>
      </form>
      <form onSubmit={replaceCover} className="space-y-2">
        <label htmlFor="cover" className="text-sm font-medium text-stone-800">Cover image</label>
        <input id="cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/svg+xml" disabled={!!busy} aria-describedby="cover-hint" className={inputClass} />
        <p id="cover-hint" className="text-xs text-stone-600">JPEG, PNG, WebP, GIF or SVG, up to 10 MB; about 2:3, at least 640 pixels wide.</p>
        <button type="submit" disabled={!!busy} className={primaryButtonClass}>{busy === "cover" ? "Making thumbnails…" : "Replace cover"}</button>
      </form>
      {status && <p role="status" className={`rounded-md px-3 py-2 text-sm ${status.kind === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>{status.text}</p>}
    </div>
  );
}
