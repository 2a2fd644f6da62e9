import Link from "next/link";

/**
 * The storefront's top bar; `account` is who is signed in (rendered on the server or in the
 * browser). On a phone the links move to a second row and the account side shrinks (the name
 * truncates), so Sign out always stays on screen.
 */
export function HeaderBar({ account, showLibrary }: { account: React.ReactNode; showLibrary: boolean }) {
  return (
    <header className="border-b border-stone-200 bg-white/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="shrink-0 font-serif text-2xl font-semibold tracking-tight text-brand">
          Folio
        </Link>
        <nav className="order-last flex w-full items-center gap-4 text-sm text-stone-600 sm:order-none sm:w-auto sm:flex-1">
          <Link href="/" className="hover:text-ink">Catalog</Link>
          {showLibrary && <Link href="/library" className="hover:text-ink">My library</Link>}
          {showLibrary && <Link href="/courses" className="hover:text-ink">My courses</Link>}
        </nav>
        <div className="flex min-h-8 min-w-0 flex-1 items-center justify-end gap-3 text-sm sm:flex-none">{account}</div>
      </div>
    </header>
  );
}
