import Link from "next/link";
import { requirePageAdmin } from "@/lib/auth/session";
import { SignOutButton } from "@/components/sign-out-button";
import { AdminNav } from "./_components/admin-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Pages and actions check again themselves: a layout does not protect a server action.
  const admin = await requirePageAdmin();
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 print:hidden shrink-0 flex-col border-r border-stone-200 bg-white px-4 py-6 md:flex">
        <Link href="/admin" className="px-2 font-serif text-2xl font-semibold text-brand">Folio</Link>
        <p className="mt-1 px-2 text-xs uppercase tracking-wide text-stone-500">Control Panel</p>
        <AdminNav />
        <div className="mt-auto px-2 text-xs text-stone-500">
          Signed in as <span className="font-medium text-stone-700">{admin.email}</span>
          <Link href="/" className="mt-2 block text-brand hover:underline">View the store →</Link>
          <div className="mt-2"><SignOutButton /></div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <div className="border-b border-stone-200 bg-white px-4 py-3 md:hidden print:hidden">
          <div className="flex items-center justify-between gap-3 text-sm">
            <Link href="/admin" className="font-serif text-xl font-semibold text-brand">Folio Control Panel</Link>
            <SignOutButton />
          </div>
          <AdminNav compact />
        </div>
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </div>
    </div>
  );
}
