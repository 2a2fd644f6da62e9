"use client";
import { useActionState, useState } from "react";
import { createIntegrationAction } from "../actions";
import { AccessFields, type PlanOption } from "./access-fields";
import { Field, FieldError, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";

const KINDS = [
  { value: "LTI13", label: "LTI 1.3 (LTI Advantage)", hint: "Recommended. Moodle 3.10+, Canvas, Schoology, Blackboard Learn, Brightspace." },
  { value: "LTI11", label: "LTI 1.1", hint: "Launch URL, consumer key and shared secret. For older LMS set-ups." },
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
      <AccessFields plans={plans} defaultAccess={values.accessKind ?? "FULL"} defaultPlan={values.plan ?? ""} errors={errors} />
      <div className="flex items-center gap-3 border-t border-stone-200 pt-5">
        <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save"}</button>
        <p className="text-xs text-stone-600">Next you get the values to send to the institution.</p>
      </div>
    </form>
  );
}
