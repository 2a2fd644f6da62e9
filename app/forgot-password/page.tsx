import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage } from "@/components/auth-page";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthPage title="Forgot your password?">
      <p className="mt-2 text-sm text-stone-600">
        Enter the email you sign in with. We&apos;ll send a link to choose a new password. Came in through your school&apos;s
        learning platform and never added an email? Launch Folio from your course: you are signed in, and can add one on your
        account page.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm"><Link href="/login" className="text-brand underline">Back to sign in</Link></p>
    </AuthPage>
  );
}
