"use client";
import { useActionState } from "react";
import { changePasswordAction, type AccountFormState } from "../actions";
import { Field, FormMessage } from "@/components/ui/field";
import { primaryButtonClass } from "@/components/ui/form-state";

const initial: AccountFormState = { ok: false, message: null, fields: {} };

/** Changes the password; every other browser signed in to this account is signed out. */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <Field name="current" label="Current password" type="password" autoComplete="current-password" error={state.fields.current} />
      <Field name="next" label="New password" type="password" autoComplete="new-password" error={state.fields.next}
        hint="At least 10 characters; a few unrelated words work well." />
      <Field name="confirm" label="New password again" type="password" autoComplete="new-password" error={state.fields.confirm} />
      <FormMessage ok={state.ok} message={state.message ?? undefined} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
