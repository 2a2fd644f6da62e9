"use client";
import { useActionState } from "react";
import { forgotPasswordAction } from "../actions";
import { Field, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(forgotPasswordAction, initialFormState);
  return (
    <form action={action} className="mt-8 space-y-4" noValidate>
      <Field name="email" label="Email" type="email" autoComplete="email" defaultValue={state.values?.email} error={state.fields?.email} />
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={`w-full ${primaryButtonClass}`}>
        {pending ? "Sending…" : "Send me a link"}
      </button>
    </form>
  );
}
