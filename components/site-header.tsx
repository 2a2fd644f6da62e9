import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/sign-out-button";

/** The storefront's top bar: brand, catalog, and who is signed in. */
export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-stone-200 bg-white/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
        <Link href="/" className="font-serif text-2xl font-semibold tracking-tight text-brand">
          Folio
        </Link>
        <nav className="flex flex-1 items-center gap-4 text-sm text-stone-600">
          <Link href="/" className="hover:text-ink">Catalog</Link>
          {user && <Link href="/library" className="hover:text-ink">My library</Link>}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          {user ? (
            <>
              {user.role === "ADMIN" && (
                <Link href="/admin" className="rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-50">
                  Control Panel
                </Link>
              )}
              <Link href="/account" className="text-stone-600 hover:text-ink" title="Your account">
                {user.name ?? user.email ?? user.publicId}
              </Link>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login" className="rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:bg-orange-900">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
