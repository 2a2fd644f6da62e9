"use client";
import { useActionState, useState } from "react";
import { createIntegrationAction } from "../actions";
import { AccessFields, type PlanOption } from "./access-fields";
import { ReferrerWeakness } from "./referrer-weakness";
import { Field, FieldError, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";

const KINDS = [
  { value: "LTI13", label: "LTI 1.3 (LTI Advantage)", hint: "Recommended. Moodle 3.10+, Canvas, Schoology, Blackboard Learn, Brightspace." },
  { value: "LTI11", label: "LTI 1.1", hint: "Launch URL, consumer key and shared secret. For older LMS set-ups." },
  { value: "SIGNED_LINK", label: "Signed link (anonymous)", hint: "A link with a signature the institution puts on its intranet. Shared access, no accounts." },
  { value: "IP_RANGE", label: "IP range (anonymous)", hint: "Anyone on the institution's network (IPv4/IPv6 ranges). Shared access, no accounts." },
  { value: "REFERRER", label: "Referring URL (anonymous)", hint: "Visitors who follow a link from listed pages. Weak: anyone can fake where they came from." },
];

export function CreateIntegrationForm({ plans }: { plans: PlanOption[] }) {
  const [state, action, pending] = useActionState(createIntegrationAction, initialFormState);
  const values = state.values ?? {};
  const errors = state.fields ?? {};
  const [kind, setKind] = useState(values.kind ?? "LTI13");
  return (
    <form key={state.version} action={action} className="space-y-6" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <Field name="name" label="Name" required defaultValue={values.name} error={errors.name}
        placeholder="e.g. Springfield University Moodle" hint="Only you see it: pick the institution and the LMS." />
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Kind</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {KINDS.map((k) => (
            <label key={k.value} className="flex cursor-pointer gap-3 rounded-lg border border-stone-200 p-3 has-[input:checked]:border-brand has-[input:checked]:bg-brand-light">
              <input type="radio" name="kind" value={k.value} defaultChecked={kind === k.value} onChange={() => setKind(k.value)} className="mt-1 accent-brand" />
              <span>
                <span className="block text-sm font-medium">{k.label}</span>
                <span className="block text-xs text-stone-600">{k.hint}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError name="kind" error={errors.kind} />
      </fieldset>
      {kind === "LTI11" && (
        <Field name="consumerKey" label="Consumer key" mono required defaultValue={values.consumerKey} error={errors.consumerKey}
          placeholder="e.g. springfield-moodle"
          hint="You choose it; the institution types it into its LMS. Letters, digits, dots, hyphens and underscores; unique. Folio generates the shared secret." />
      )}
      {kind === "REFERRER" && (
        <>
          <Field name="referrerPrefixes" label="URL prefixes" mono multiline required defaultValue={values.referrerPrefixes} error={errors.referrerPrefixes}
            placeholder="https://intranet.school.example/library/"
            hint="One per line. A visitor whose browser says they came from a page under one of these gets in. Same host and path only: https://intranet.school.example.evil.test/ does not count." />
          <ReferrerWeakness />
        </>
      )}
      {kind === "IP_RANGE" && (
        <Field name="ipRanges" label="IP ranges" mono multiline required defaultValue={values.ipRanges} error={errors.ipRanges}
          placeholder={"192.0.2.0/24\n2001:db8:1200::/40"}
          hint="IPv4 and IPv6 ranges in CIDR form, one per line (a single address is /32 or /128). Ask the institution's IT for its public ranges." />
      )}
      {kind === "SIGNED_LINK" && (
        <p className="rounded-md bg-stone-50 px-3 py-2 text-sm text-stone-700">
          Folio generates the key. Next you get a link to put on the institution&apos;s intranet, with an expiry you choose.
        </p>
      )}
      <AccessFields guest={kind === "REFERRER" || kind === "IP_RANGE" || kind === "SIGNED_LINK"} plans={plans} defaultAccess={values.accessKind ?? "FULL"} defaultPlan={values.plan ?? ""} errors={errors} />
      <div className="flex items-center gap-3 border-t border-stone-200 pt-5">
        <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save"}</button>
        <p className="text-xs text-stone-600">Next you get the values to send to the institution.</p>
      </div>
    </form>
  );
}
