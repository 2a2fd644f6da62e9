import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";

/** Control Panel (for administrators), the account page and sign out; or "Sign in". */
export function AccountLinks({ user }: { user: { name: string; role: string } | null }) {
  if (!user) {
    return (
      <Link href="/login" className="shrink-0 rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:bg-orange-900">
        Sign in
      </Link>
    );
  }
  return (
    <>
      {user.role === "ADMIN" && (
        <Link href="/admin" className="shrink-0 whitespace-nowrap rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-50">
          Control Panel
        </Link>
      )}
      {/* A long name or email truncates rather than pushing Sign out off a phone's screen. */}
      <Link href="/account" className="min-w-0 max-w-[14rem] truncate text-stone-600 hover:text-ink" title={`${user.name}: your account`}>
        {user.name}
      </Link>
      <SignOutButton />
    </>
  );
}
