"use client";
import { Fragment } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const ADMIN_SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/publications", label: "Publications" },
  { href: "/admin/plans", label: "Plans" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/reading", label: "Reading statistics" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/launches", label: "Launch log" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/settings/integrations", label: "Integrations", group: "Settings" },
] as const satisfies readonly { href: string; label: string; group?: string }[];

export function AdminNav({ compact = false }: { compact?: boolean }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/admin" ? pathname === href : pathname.startsWith(href));
  return (
    <nav className={compact ? "mt-2 flex flex-wrap gap-3 text-sm" : "mt-8 flex flex-col gap-1 text-sm"}>
      {ADMIN_SECTIONS.map((s, i) => {
        const group = "group" in s ? s.group : undefined;
        const startsGroup = group && (ADMIN_SECTIONS[i - 1] as { group?: string } | undefined)?.group !== group;
        return (
          <Fragment key={s.href}>
            {!compact && startsGroup && <p className="mt-4 px-2 pb-1 text-xs uppercase tracking-wide text-stone-600">{group}</p>}
            <Link href={s.href} aria-current={isActive(s.href) ? "page" : undefined}
              className={`rounded-md px-2 py-1.5 ${isActive(s.href) ? "bg-brand-light font-medium text-brand" : "text-stone-600 hover:bg-stone-100"}`}>
              {compact && group ? `${group} · ${s.label}` : s.label}
            </Link>
          </Fragment>
        );
      })}
    </nav>
  );
}
