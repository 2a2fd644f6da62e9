"use client";
import { useState, useSyncExternalStore } from "react";
import { signIn } from "next-auth/react";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account. Check them and try again.",
};

const noSubscription = () => () => {};

// next-auth passes on only an error code: "RateLimited:<minutes>" (lib/auth/options.ts).
function messageFor(error: string | undefined | null): string {
  const limited = /^RateLimited:(\d{1,4})$/.exec(error ?? "");
  if (limited) {
    const minutes = Math.max(1, Number(limited[1]));
    return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  }
  return MESSAGES[error ?? ""] ?? "Signing in failed. Try again in a moment.";
}

/** `next` has been checked by the page (safeRedirectPath): a path on Folio's own origin. */
export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until React has taken over, the button stays disabled: a form submitted before hydration
  // would otherwise go out as a plain request with the password in it.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      window.location.assign(next);
      return;
    }
    setError(messageFor(result?.error));
  }

  return (
    <form onSubmit={onSubmit} method="post" className="mt-8 space-y-4" noValidate>
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input name="email" type="email" autoComplete="email" required
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 shadow-sm focus:border-brand" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input name="password" type="password" autoComplete="current-password" required
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 shadow-sm focus:border-brand" />
      </label>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}
      <button type="submit" disabled={pending || !ready}
        className="w-full rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-orange-900 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
