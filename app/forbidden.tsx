import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand">403</p>
      <h1 className="mt-2 text-2xl font-semibold">This page is for store administrators</h1>
      <p className="mt-3 text-stone-600">Your account can read the library but not manage it.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand px-4 py-2 text-white">Back to the catalog</Link>
    </main>
  );
}
