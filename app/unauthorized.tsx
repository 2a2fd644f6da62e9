import Link from "next/link";

export default function Unauthorized() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand">401</p>
      <h1 className="mt-2 text-2xl font-semibold">Sign in to continue</h1>
      <p className="mt-3 text-stone-600">Your session has ended, or you are not signed in.</p>
      <Link href="/login" className="mt-6 inline-block rounded-md bg-brand px-4 py-2 text-white">Sign in</Link>
    </main>
  );
}
