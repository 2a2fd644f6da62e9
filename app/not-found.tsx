import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand">404</p>
      <h1 className="mt-2 text-2xl font-semibold">We couldn&apos;t find that page</h1>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand px-4 py-2 text-white">Back to the catalog</Link>
    </main>
  );
}
