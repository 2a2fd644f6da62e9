import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { mailSettings } from "@/lib/mail/settings";
import { listOutbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev outbox" };

// The mail `npm run dev` sends when no SMTP_URL is set (docs/decisions/0024). Never in production.
export default async function OutboxPage() {
  const dir = mailSettings().outboxDir;
  if (!dir) notFound();
  const entries = await listOutbox(dir);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Dev outbox</h1>
      <p className="mt-2 text-sm text-stone-600">
        Mail Folio sent while no SMTP server is set (<span className="font-mono">SMTP_URL</span>), newest first. Files:{" "}
        <span className="font-mono">{dir}</span>
      </p>
      {entries.length === 0 ? (
        <p className="mt-6 text-sm text-stone-600">Nothing sent yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {entries.map((e) => (
            <li key={e.id} className="px-4 py-3 text-sm">
              <Link href={`/dev/outbox/${e.id}`} className="font-medium text-brand underline">{e.subject}</Link>
              <span className="block text-stone-600">to {e.to} · {new Date(e.date).toLocaleString("en")}</span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
