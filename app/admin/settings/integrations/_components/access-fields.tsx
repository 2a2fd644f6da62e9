"use client";
import { useState } from "react";
import { FieldError } from "@/components/ui/field";
import { inputClass } from "@/components/ui/form-state";

export type PlanOption = { slug: string; name: string };

type Props = {
  plans: PlanOption[];
  defaultAccess?: string;
  defaultPlan?: string;
  errors?: Record<string, string>;
  /** Anonymous guest access (referrer, IP range, signed link): visitors, not LTI users. */
  guest?: boolean;
};

/** Full access, or a plan given automatically to everyone who launches through the integration. */
export function AccessFields({ plans, defaultAccess = "FULL", defaultPlan = "", errors = {}, guest = false }: Props) {
  const [access, setAccess] = useState(defaultAccess);
  const option = "flex gap-3 rounded-lg border p-3 has-[input:checked]:border-brand has-[input:checked]:bg-brand-light";
  return (
    <fieldset>
      <legend className="text-sm font-medium text-stone-800">{guest ? "Access for visitors who come in this way" : "Access for people who launch from the LMS"}</legend>
      <div className="mt-2 grid gap-2">
        <label className={`${option} cursor-pointer border-stone-200`}>
          <input type="radio" name="accessKind" value="FULL" defaultChecked={defaultAccess === "FULL"} onChange={() => setAccess("FULL")} className="mt-1 accent-brand" />
          <span>
            <span className="block text-sm font-medium">Full access to all publications</span>
            <span className="block text-xs text-stone-600">{guest ? "Every visitor can read the whole catalogue." : "Every student and teacher can read the whole catalogue."}</span>
          </span>
        </label>
        <div className={`${option} border-stone-200 flex-col`}>
          <label className="flex cursor-pointer gap-3">
            <input type="radio" name="accessKind" value="PLAN" defaultChecked={defaultAccess === "PLAN"} onChange={() => setAccess("PLAN")} className="mt-1 accent-brand" />
            <span>
              <span className="block text-sm font-medium">{guest ? "A plan" : "Automatically assign a plan to LTI users"}</span>
              <span className="block text-xs text-stone-600">{guest ? "Visitors read the plan's books; a change to the plan counts on their next page." : "Each person gets the plan on their first launch; it stays up to date on every launch."}</span>
            </span>
          </label>
          <div className="pl-7">
            <select name="plan" defaultValue={defaultPlan} disabled={access !== "PLAN"} aria-label="Plan"
              aria-invalid={errors.plan ? true : undefined} aria-describedby={errors.plan ? "plan-error" : undefined} className={`${inputClass} max-w-sm`}>
              <option value="">Choose a plan…</option>
              {plans.map((p) => <option key={p.slug} value={p.slug}>{p.name} ({p.slug})</option>)}
            </select>
            {plans.length === 0 && <p className="mt-1 text-xs text-stone-600">No plans yet: create one under Plans first.</p>}
            <FieldError name="plan" error={errors.plan} />
          </div>
        </div>
      </div>
      <FieldError name="accessKind" error={errors.accessKind} />
    </fieldset>
  );
}
