"use client";
import { useActionState } from "react";
import { changePasswordAction, type AccountFormState } from "../actions";
import { FormField, FormStatus } from "./form-field";

const initial: AccountFormState = { ok: false, message: null, fields: {} };

/** Changes the password; every other browser signed in to this account is signed out. */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <FormField name="current" label="Current password" type="password" autoComplete="current-password" error={state.fields.current} />
      <FormField name="next" label="New password" type="password" autoComplete="new-password" error={state.fields.next}
        hint="At least 10 characters; a few unrelated words work well." />
      <FormField name="confirm" label="New password again" type="password" autoComplete="new-password" error={state.fields.confirm} />
      <FormStatus ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending}
        className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-orange-900 disabled:opacity-60">
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
