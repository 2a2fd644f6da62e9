import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BookCover } from "@/components/book-cover";
import { canRead } from "@/lib/access/can-read";
import { suspendedAccessFor } from "@/lib/access/suspended-access";
import { getCurrentUser } from "@/lib/auth/session";
import { currentGuestToken } from "@/lib/guest-access/current-guest";
import { loginPath } from "@/lib/auth/login-path";
import { formatPrice, getPublicationPage, getReadingPlace } from "@/lib/publications/catalog";

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
  const [switchedOff, place] = await Promise.all([
    !readable && user ? suspendedAccessFor(user.id, p.id) : Promise.resolve([]),
    readable && user ? getReadingPlace(user.id, p.id) : Promise.resolve(null),
  ]);
  const toc = (Array.isArray(p.toc) ? p.toc : []) as { title?: string }[];
  return (
    <main className="mx-auto grid max-w-5xl gap-10 px-4 py-10 md:grid-cols-[240px_1fr]">
      <BookCover slug={p.slug} title={p.title} author={p.author} hasCover={p.hasCover} cover={p.cover} sizes="(min-width: 768px) 240px, 90vw" priority />
      <div>
        <h1 className="font-serif text-4xl font-semibold tracking-tight">{p.title}</h1>
        <p className="mt-2 text-lg text-stone-700">{p.author}</p>
        <p className="mt-4 text-sm text-stone-600">
          {p.chapterCount} {p.format === "PDF" ? "pages" : "chapters"} · about {Math.round(p.wordCount / 1000).toLocaleString("en-US")}k words
          {/* The price only to someone who would have to pay it. */}
          {p.isFree ? " · Free" : !readable ? ` · ${formatPrice(p.priceCents, p.isFree)}` : ""}
        </p>
        {p.description && <p className="mt-6 max-w-prose leading-relaxed text-stone-800">{p.description}</p>}
        <div className="mt-8">
          {readable ? (
            <div className="flex flex-wrap items-center gap-4">
              <Link href={`/read/${p.slug}`} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-orange-900">
                {place ? "Continue reading" : "Start reading"}
              </Link>
              {place && <span className="text-sm text-stone-600">{Math.round(place.percent * 100)}% read</span>}
            </div>
          ) : switchedOff.length ? (
            <p className="max-w-prose text-stone-700">
              Your access through {switchedOff.join(", ")} is switched off at the moment; launching again from your course will not help.
              Ask your instructor or your institution&apos;s LMS administrator to have it switched back on.
            </p>
          ) : (
            <section aria-labelledby="get-access" className="max-w-prose rounded-md border border-stone-200 bg-stone-50 p-4 text-stone-700">
              <h2 id="get-access" className="font-semibold text-stone-900">Get access</h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                <li>Students: open this book from your course in your learning platform; your institution&apos;s plan gives you access straight away.</li>
                {user ? (
                  <li>This book is not in your plan yet. Ask your instructor, your library, or the store to add it.</li>
                ) : (
                  <li>Already have access? <Link href={loginPath(`/publications/${p.slug}`)} className="font-medium text-brand underline">Sign in to read</Link>.</li>
                )}
                {p.collections.length > 0 && <li>Part of {p.collections.map((c) => c.name).join(", ")}: plans that include {p.collections.length === 1 ? "this collection" : "these collections"} include this book.</li>}
              </ul>
            </section>
          )}
        </div>
        <CatalogDetails p={p} />
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

function CatalogDetails({ p }: { p: NonNullable<Awaited<ReturnType<typeof getPublicationPage>>> }) {
  const rows: [string, React.ReactNode][] = [];
  if (p.publisher) rows.push(["Publisher", p.publisher]);
  if (p.publicationDate) rows.push(["Published", p.publicationDate]);
  if (p.language) rows.push(["Language", p.language]);
  if (p.isbn) rows.push(["ISBN", <span key="isbn" className="font-mono">{p.isbn}</span>]);
  if (p.subjects.length) rows.push(["Subjects", p.subjects.map((s, i) => (
    <span key={s.code}>{i > 0 && ", "}<Link href={`/search?subject=${s.code}`} className="text-brand hover:underline">{s.label}</Link></span>
  ))]);
  if (p.collections.length) rows.push(["Collections", p.collections.map((c, i) => (
    <span key={c.slug}>{i > 0 && ", "}<Link href={`/search?collection=${c.slug}`} className="text-brand hover:underline">{c.name}</Link></span>
  ))]);
  if (p.keywords.length) rows.push(["Keywords", p.keywords.join(", ")]);
  if (!rows.length) return null;
  return (
    <dl className="mt-8 grid max-w-prose grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-stone-500">{label}</dt>
          <dd className="text-stone-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
