"use client";
import { useActionState } from "react";
import { pendingEmailAction, type AccountFormState } from "../actions";
import { FormMessage } from "@/components/ui/field";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/form-state";

const initial: AccountFormState = { ok: false, message: null, fields: {} };

/** Sends the pending address's link again, or gives the address up. */
export function PendingEmailForm() {
  const [state, action, pending] = useActionState(pendingEmailAction, initial);
  return (
    <form action={action} className="mt-4 space-y-4">
      <FormMessage ok={state.ok} message={state.message ?? undefined} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="resend" disabled={pending} className={primaryButtonClass}>Send the link again</button>
        <button type="submit" name="intent" value="cancel" disabled={pending} className={secondaryButtonClass}>Cancel the change</button>
      </div>
    </form>
  );
}
