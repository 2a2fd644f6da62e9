import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; reset?: string | string[] }> }) {
  const { next, reset } = await searchParams;
  const target = safeRedirectPath(next);
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <Link href="/" className="mb-8 font-serif text-3xl font-semibold text-brand">Folio</Link>
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {reset === "done" && (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Your password is changed and you were signed out everywhere. Sign in with the new one.
        </p>
      )}
      <p className="mt-2 text-sm text-stone-600">
        Came in through your school&apos;s learning platform? Launch Folio from your course once, then set an email and
        password on your account page to sign in here directly.
      </p>
      <LoginForm next={target} />
      <p className="mt-4 text-sm"><Link href="/forgot-password" className="text-brand underline">Forgot your password?</Link></p>
    </main>
  );
}
