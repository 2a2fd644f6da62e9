import Link from "next/link";

/** The narrow centred page of signing in and its companions (forgot password, reset, confirm email). */
export function AuthPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <Link href="/" className="mb-8 font-serif text-3xl font-semibold text-brand">Folio</Link>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}
