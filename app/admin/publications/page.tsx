import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { countReadersByPublication } from "@/lib/publications/admin-detail";
import { listPublicationsForAdmin } from "@/lib/publications/admin-list";
import { PublicationsTable } from "./_components/publications-table";
import { UploadForm } from "./_components/upload-form";

export const metadata: Metadata = { title: "Publications" };

export default async function PublicationsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requirePageAdmin("/admin/publications");
  const [publications, readers, { deleted }] = await Promise.all([listPublicationsForAdmin(), countReadersByPublication(), searchParams]);
  const rows = publications.map((p) => ({ ...p, readers: readers.get(p.id) ?? 0 }));
  return (
    <>
      <h1 className="text-2xl font-semibold">Publications</h1>
      <p className="mt-1 text-stone-600">Upload EPUB or PDF files, check what was read from them, set the price and publish.</p>
      {deleted && (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">“{deleted}” was deleted, with its readers&apos; highlights, notes and statistics.</p>
      )}
      <section className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
        <div className="flex items-baseline justify-between gap-3">
          <h2 className="font-semibold">Upload a book</h2>
          <Link href="/admin/publications/import" className="text-sm text-brand hover:underline">Import many books from a CSV and a zip →</Link>
        </div>
        <div className="mt-3"><UploadForm /></div>
      </section>
      <div className="mt-8">
        {rows.length ? <PublicationsTable rows={rows} /> : (
          <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-stone-600">No publications yet. Upload the first EPUB or PDF above.</p>
        )}
      </div>
    </>
  );
}
