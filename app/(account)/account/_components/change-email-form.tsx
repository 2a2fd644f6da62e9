"use client";
import { useActionState } from "react";
import { changeEmailAction, type AccountFormState } from "../actions";
import { Field, FormMessage } from "@/components/ui/field";
import { primaryButtonClass } from "@/components/ui/form-state";

const initial: AccountFormState = { ok: false, message: null, fields: {} };

/** Asks for a new sign-in email; it takes effect when the link sent to it is opened. */
export function ChangeEmailForm() {
  const [state, action, pending] = useActionState(changeEmailAction, initial);
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <Field name="email" label="New email" type="email" autoComplete="email" defaultValue={state.ok ? "" : state.email ?? ""} error={state.fields.email} />
      <Field name="current" label="Current password" type="password" autoComplete="current-password" error={state.fields.current} />
      <FormMessage ok={state.ok} message={state.message ?? undefined} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Sending…" : "Send confirmation link"}
      </button>
    </form>
  );
}
