"use client";
import { useActionState } from "react";
import type { FormState } from "@/components/ui/form-state";
import { Field, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  field: "referrerPrefixes" | "ipRanges";
  current: string[];
};

/** The URL prefixes or IP ranges of a guest integration, one per line, checked strictly on save. */
export function GuestListForm({ action, field, current }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const value = state.values?.[field] ?? current.join("\n");
  const errors = state.fields ?? {};
  const ranges = field === "ipRanges";
  return (
    <form key={state.version} action={formAction} className="space-y-4" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <Field name={field} label={ranges ? "IP ranges" : "URL prefixes"} mono multiline defaultValue={value} error={errors[field]}
        placeholder={ranges ? "192.0.2.0/24\n2001:db8:1200::/40" : "https://intranet.school.example/library/"}
        hint={ranges
          ? "IPv4 and IPv6 ranges in CIDR form, one per line. The address is the one the visitor connects from, as the proxies counted by TRUST_PROXY_HOPS report it."
          : "One per line. Matched on the host exactly and on the path from its start."} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save"}</button>
    </form>
  );
}
