"use client";
import { useActionState } from "react";
import { setEmailAndPasswordAction, type AccountFormState } from "../actions";
import { FormField, FormStatus } from "./form-field";

const initial: AccountFormState = { ok: false, message: null, fields: {} };

/** Adds an email and a password so the person can sign in at /login without their course. */
export function CredentialsForm({ email }: { email: string | null }) {
  const [state, action, pending] = useActionState(setEmailAndPasswordAction, initial);
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <FormField name="email" label="Email" type="email" autoComplete="email" defaultValue={state.email ?? email ?? ""} error={state.fields.email}
        hint="Any address you use; it does not have to be the one your school knows." />
      <FormField name="password" label="Password" type="password" autoComplete="new-password" error={state.fields.password}
        hint="At least 10 characters; a few unrelated words work well." />
      <FormField name="confirm" label="Password again" type="password" autoComplete="new-password" error={state.fields.confirm} />
      <FormStatus ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending}
        className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-orange-900 disabled:opacity-60">
        {pending ? "Saving…" : "Save email and password"}
      </button>
    </form>
  );
}
