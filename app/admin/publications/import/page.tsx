import type { Metadata } from "next";
import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { listImports } from "@/lib/publications/import/report";
import { Section } from "@/components/ui/section";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "Import a backlist" };

export default async function ImportPage() {
  await requirePageAdmin("/admin/publications/import");
  const imports = await listImports();
  return (
    <>
      <Link href="/admin/publications" className="text-sm text-brand hover:underline">← Publications</Link>
      <h1 className="mt-4 text-2xl font-semibold">Import a backlist</h1>
      <p className="mt-1 text-stone-600">
        Many books at once: a CSV of their metadata and a zip of their EPUB and PDF files. Each book is read in the background; a file (or an ISBN) already in the catalog is
        skipped, so an import can simply be run again. From a server&apos;s shell: <code>npm run cli -- publications:import --csv list.csv --dir books/</code>.
      </p>
      <div className="mt-6"><Section title="New import"><ImportForm /></Section></div>
      <div className="mt-6">
        <Section title="Recent imports">
          {imports.length ? (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-stone-600"><tr><th className="py-1">Started</th><th>From</th><th>Imported</th><th>Skipped</th><th>Failed</th><th>Waiting</th></tr></thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id} className="border-t border-stone-100">
                    <td className="py-1"><Link href={`/admin/publications/import/${i.id}`} className="text-brand hover:underline">{i.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</Link></td>
                    <td>{i.source === "cli" ? "command line" : "upload"}</td>
                    <td className="tabular-nums">{i.imported}</td><td className="tabular-nums">{i.skipped}</td><td className="tabular-nums">{i.failed}</td><td className="tabular-nums">{i.pending}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="text-sm text-stone-600">No imports yet.</p>}
        </Section>
      </div>
    </>
  );
}
