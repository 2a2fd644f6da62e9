import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage } from "@/components/auth-page";
import { checkEmailChangeToken } from "@/lib/account/email-change";
import { ConfirmEmailForm } from "./_components/confirm-email-form";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

// As with reset links, opening the page spends nothing: the button does.
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; confirmed?: string }> }) {
  const { token, confirmed } = await searchParams;
  if (confirmed) {
    return (
      <AuthPage title="Email confirmed">
        <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          You now sign in with this address, and password reset links go to it.
        </p>
        <p className="mt-6 text-sm"><Link href="/account" className="text-brand underline">Your account</Link></p>
      </AuthPage>
    );
  }
  const check = await checkEmailChangeToken(token);
  return (
    <AuthPage title="Confirm your email">
      {check.ok ? (
        <>
          <p className="mt-2 text-sm text-stone-600">Confirm that <strong>{check.email}</strong> is yours: from then on you sign in with it.</p>
          <ConfirmEmailForm token={token as string} email={check.email} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{check.message}</p>
          <p className="mt-6 text-sm"><Link href="/account" className="text-brand underline">Your account</Link></p>
        </>
      )}
    </AuthPage>
  );
}
