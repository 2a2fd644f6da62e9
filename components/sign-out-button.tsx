"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className="shrink-0 whitespace-nowrap text-stone-600 hover:text-ink">
      Sign out
    </button>
  );
}
