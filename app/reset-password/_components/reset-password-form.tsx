"use client";
import { useActionState } from "react";
import { resetPasswordAction } from "../actions";
import { Field, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";

/** `token` comes from the link; `email` is shown so password managers file the new password under it. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={action} className="mt-8 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field name="username" label="Email" type="email" autoComplete="username" defaultValue={email} readOnly />
      <Field name="password" label="New password" type="password" autoComplete="new-password" error={state.fields?.password}
        hint="At least 10 characters; a few unrelated words work well." />
      <Field name="confirm" label="New password again" type="password" autoComplete="new-password" error={state.fields?.confirm} />
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={`w-full ${primaryButtonClass}`}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
