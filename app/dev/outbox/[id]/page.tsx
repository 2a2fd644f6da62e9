import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { mailSettings } from "@/lib/mail/settings";
import { findOutboxEntry } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev outbox", referrer: "no-referrer" };

/** The message's text with its web addresses as links (the reset and confirmation links). */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <a key={i} href={part} className="text-brand underline">{part}</a> : part))}</>;
}

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const dir = mailSettings().outboxDir;
  if (!dir) notFound();
  const entry = await findOutboxEntry(dir, (await params).id);
  if (!entry) notFound();
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm"><Link href="/dev/outbox" className="text-brand underline">Dev outbox</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">{entry.subject}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-stone-500">From</dt><dd>{entry.from}</dd>
        <dt className="text-stone-500">To</dt><dd>{entry.to}</dd>
        <dt className="text-stone-500">Date</dt><dd>{new Date(entry.date).toLocaleString("en")}</dd>
      </dl>
      <pre className="mt-6 whitespace-pre-wrap break-words rounded-lg border border-stone-200 bg-white p-4 font-sans text-sm"><Linked text={entry.text} /></pre>
      <p className="mt-4 text-sm"><a href={`/dev/outbox/${entry.id}/eml`} className="text-brand underline">Download the .eml file</a></p>
    </main>
  );
}
