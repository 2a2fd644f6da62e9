import Link from "next/link";
import { BookCover } from "@/components/book-cover";
import { loginPath } from "@/lib/auth/login-path";

type Props = {
  reason: "sign-in" | "forbidden" | "switched-off";
  institutions?: string[];
  publication: { slug: string; title: string; author: string; hasCover: boolean };
};

/** What someone who may not read the book sees instead of it: why, and what to do. */
export function NoAccess({ reason, institutions = [], publication }: Props) {
  const next = `/read/${publication.slug}`;
  return (
    <main className="mx-auto grid max-w-3xl items-start gap-8 px-4 py-16 sm:grid-cols-[160px_1fr]">
      <div className="w-32 sm:w-40"><BookCover {...publication} /></div>
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand">{reason === "sign-in" ? "Sign in to read" : reason === "switched-off" ? "Access switched off" : "Not in your access"}</p>
        <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">{publication.title}</h1>
        <p className="mt-1 text-stone-600">{publication.author}</p>
        {reason === "sign-in" ? (
          <>
            <p className="mt-6 max-w-prose text-stone-700">
              This book is part of the library. Sign in to read it; if your school gave you access, open Folio from your course first.
            </p>
            <Link href={loginPath(next)} className="mt-6 inline-block rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-orange-900">
              Sign in
            </Link>
          </>
        ) : reason === "switched-off" ? (
          <>
            <p className="mt-6 max-w-prose text-stone-700">
              Your access to this book comes from {institutions.join(", ") || "your institution"}, and that access is switched off at the
              moment. Launching again from your course will not help. Your account, highlights and notes are kept.
            </p>
            <p className="mt-3 max-w-prose text-stone-700">
              Ask your instructor or your institution&apos;s LMS administrator: they can have the access switched back on.
            </p>
            <div className="mt-6 flex flex-wrap gap-3">
              <Link href="/library" className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-orange-900">Go to my library</Link>
            </div>
          </>
        ) : (
          <>
            <p className="mt-6 max-w-prose text-stone-700">
              Your access does not include this publication. Ask your institution, or the store, for a plan that includes it.
            </p>
            <div className="mt-6 flex flex-wrap gap-3">
              <Link href="/library" className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-orange-900">Go to my library</Link>
              <Link href={`/publications/${publication.slug}`} className="rounded-md border border-stone-300 px-5 py-2.5 font-medium hover:bg-stone-50">About this book</Link>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
