import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeRedirectPath(next);
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <Link href="/" className="mb-8 font-serif text-3xl font-semibold text-brand">Folio</Link>
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-sm text-stone-600">
        Came in through your school&apos;s learning platform? Launch Folio from your course once, then set an email and
        password on your account page to sign in here directly.
      </p>
      <LoginForm next={target} />
    </main>
  );
}
