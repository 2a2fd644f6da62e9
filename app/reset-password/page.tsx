import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage } from "@/components/auth-page";
import { checkResetToken } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

// Opening the link spends nothing (mail scanners open links too): the token is spent when the form is sent.
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const check = await checkResetToken(token);
  return (
    <AuthPage title="Choose a new password">
      {check.ok ? (
        <>
          <p className="mt-2 text-sm text-stone-600">Choosing a new password signs you out on every device; then you sign in with it.</p>
          <ResetPasswordForm token={token as string} email={check.email} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{check.message}</p>
          <p className="mt-6 text-sm"><Link href="/forgot-password" className="text-brand underline">Ask for a new link</Link></p>
        </>
      )}
    </AuthPage>
  );
}
