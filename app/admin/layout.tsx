import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { SignOutButton } from "@/components/sign-out-button";
import { AdminNav } from "./_components/admin-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Pages and actions check again themselves: a layout does not protect a server action.
  const admin = await requirePageAdmin();
  const who = admin.email ?? admin.displayName;
  return (
    <div className="flex min-h-screen">
      {/* Sticky and screen-high, so "Sign out" stays in view however long the page. */}
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col overflow-y-auto border-r border-stone-200 bg-white px-4 py-6 md:flex print:hidden">
        <Link href="/admin" className="px-2 font-serif text-2xl font-semibold text-brand">Folio</Link>
        <p className="mt-1 px-2 text-xs uppercase tracking-wide text-stone-600">Control Panel</p>
        <AdminNav />
        <div className="mt-auto px-2 pt-6 text-xs text-stone-600">
          Signed in as <span className="block truncate font-medium text-stone-700" title={who}>{who}</span>
          <Link href="/" className="mt-2 block text-brand hover:underline">View the store →</Link>
          <div className="mt-2 text-sm"><SignOutButton /></div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <div className="border-b border-stone-200 bg-white px-4 py-3 md:hidden print:hidden">
          <div className="flex items-center justify-between gap-3 text-sm">
            <Link href="/admin" className="shrink-0 font-serif text-xl font-semibold text-brand">Folio Control Panel</Link>
            <span className="min-w-0 flex-1 truncate text-right text-xs text-stone-600" title={who}>{who}</span>
            <SignOutButton />
          </div>
          <AdminNav compact />
        </div>
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
      </div>
    </div>
  );
}
