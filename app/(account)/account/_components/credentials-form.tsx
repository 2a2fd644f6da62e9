"use client";
import { useActionState } from "react";
import { setEmailAndPasswordAction, type AccountFormState } from "../actions";
import { Field, FormMessage } from "@/components/ui/field";
import { primaryButtonClass } from "@/components/ui/form-state";

const initial: AccountFormState = { ok: false, message: null, fields: {} };

/** Adds an email and a password so the person can sign in at /login without their course. */
export function CredentialsForm({ email }: { email: string | null }) {
  const [state, action, pending] = useActionState(setEmailAndPasswordAction, initial);
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <Field name="email" label="Email" type="email" autoComplete="email" defaultValue={state.email ?? email ?? ""} error={state.fields.email}
        hint="Any address you use; it does not have to be the one your school knows. We send it a link to confirm it." />
      <Field name="password" label="Password" type="password" autoComplete="new-password" error={state.fields.password}
        hint="At least 10 characters; a few unrelated words work well." />
      <Field name="confirm" label="Password again" type="password" autoComplete="new-password" error={state.fields.confirm} />
      <FormMessage ok={state.ok} message={state.message ?? undefined} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Saving…" : "Save email and password"}
      </button>
    </form>
  );
}
