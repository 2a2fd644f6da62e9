"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const ADMIN_SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/plans", label: "Plans" },
] as const;

export function AdminNav({ compact = false }: { compact?: boolean }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/admin" ? pathname === href : pathname.startsWith(href));
  return (
    <nav className={compact ? "mt-2 flex flex-wrap gap-3 text-sm" : "mt-8 flex flex-col gap-1 text-sm"}>
      {ADMIN_SECTIONS.map((s) => (
        <Link key={s.href} href={s.href} aria-current={isActive(s.href) ? "page" : undefined}
          className={`rounded-md px-2 py-1.5 ${isActive(s.href) ? "bg-brand-light font-medium text-brand" : "text-stone-600 hover:bg-stone-100"}`}>
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
