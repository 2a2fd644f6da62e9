import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BookCover } from "@/components/book-cover";
import { canRead } from "@/lib/access/can-read";
import { suspendedAccessFor } from "@/lib/access/suspended-access";
import { getCurrentUser } from "@/lib/auth/session";
import { currentGuestToken } from "@/lib/guest-access/current-guest";
import { loginPath } from "@/lib/auth/login-path";
import { formatPrice, getPublicationPage } from "@/lib/publications/catalog";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await getPublicationPage((await params).slug);
  return { title: p ? p.title : "Not found" };
}

export default async function PublicationPage({ params }: Props) {
  const p = await getPublicationPage((await params).slug);
  if (!p) notFound();
  const [user, guest] = await Promise.all([getCurrentUser(), currentGuestToken()]);
  const readable = await canRead(user?.id ?? null, p.id, guest?.integrationId ?? null);
  const switchedOff = !readable && user ? await suspendedAccessFor(user.id, p.id) : [];
  const toc = (Array.isArray(p.toc) ? p.toc : []) as { title?: string }[];
  return (
    <main className="mx-auto grid max-w-5xl gap-10 px-4 py-10 md:grid-cols-[240px_1fr]">
      <BookCover slug={p.slug} title={p.title} author={p.author} hasCover={p.hasCover} cover={p.cover} sizes="(min-width: 768px) 240px, 90vw" priority />
      <div>
        <h1 className="font-serif text-4xl font-semibold tracking-tight">{p.title}</h1>
        <p className="mt-2 text-lg text-stone-700">{p.author}</p>
        <p className="mt-4 text-sm text-stone-600">
          {p.chapterCount} chapters · about {Math.round(p.wordCount / 1000).toLocaleString("en-US")}k words · {formatPrice(p.priceCents, p.isFree)}
        </p>
        {p.description && <p className="mt-6 max-w-prose leading-relaxed text-stone-800">{p.description}</p>}
        <div className="mt-8">
          {readable ? (
            <Link href={`/read/${p.slug}`} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-orange-900">Read now</Link>
          ) : switchedOff.length ? (
            <p className="max-w-prose text-stone-700">
              Your access through {switchedOff.join(", ")} is switched off at the moment; launching again from your course will not help.
              Ask your instructor or your institution&apos;s LMS administrator to have it switched back on.
            </p>
          ) : user ? (
            <p className="text-stone-700">This book is not in your plan. Ask your institution or the store for access.</p>
          ) : (
            <Link href={loginPath(`/publications/${p.slug}`)} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white">Sign in to read</Link>
          )}
        </div>
        {toc.length > 0 && (
          <section className="mt-10">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-stone-500">Contents</h2>
            <ol className="mt-3 columns-1 gap-8 text-sm text-stone-700 sm:columns-2">
              {toc.slice(0, 40).map((entry, i) => <li key={i} className="py-0.5">{entry.title}</li>)}
              {toc.length > 40 && <li className="py-0.5 text-stone-500">…and {toc.length - 40} more</li>}
            </ol>
          </section>
        )}
      </div>
    </main>
  );
}
