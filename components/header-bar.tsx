import Link from "next/link";

/** The storefront's top bar; `account` is who is signed in (rendered on the server or in the browser). */
export function HeaderBar({ account, showLibrary }: { account: React.ReactNode; showLibrary: boolean }) {
  return (
    <header className="border-b border-stone-200 bg-white/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
        <Link href="/" className="font-serif text-2xl font-semibold tracking-tight text-brand">
          Folio
        </Link>
        <nav className="flex flex-1 items-center gap-4 text-sm text-stone-600">
          <Link href="/" className="hover:text-ink">Catalog</Link>
          {showLibrary && <Link href="/library" className="hover:text-ink">My library</Link>}
          {showLibrary && <Link href="/courses" className="hover:text-ink">My courses</Link>}
        </nav>
        <div className="flex min-h-8 items-center gap-3 text-sm">{account}</div>
      </div>
    </header>
  );
}
