"use client";
import { useActionState } from "react";
import type { FormState } from "@/components/ui/form-state";
import { AccessFields, type PlanOption } from "./access-fields";
import { Field, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  plans: PlanOption[];
  current: { name: string; accessKind: string; plan: string; consumerKey: string | null; kind: string };
  /** People came in: the consumer key identifies them and can't change. */
  locked: boolean;
};

/** Name, access and (LTI 1.1) consumer key of an existing integration. */
export function GeneralForm({ action, plans, current, locked }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const values = { name: current.name, accessKind: current.accessKind, plan: current.plan, consumerKey: current.consumerKey ?? "", ...state.values };
  const errors = state.fields ?? {};
  return (
    <form key={state.version} action={formAction} className="space-y-5" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <Field name="name" label="Name" required defaultValue={values.name} error={errors.name} />
      {current.kind === "LTI11" && (
        <Field name="consumerKey" label="Consumer key" mono required defaultValue={values.consumerKey} error={errors.consumerKey} readOnly={locked}
          hint={locked ? "People already came in with this key; it can't change (they would get new accounts)." : "Letters, digits, dots, hyphens and underscores. It can't change once people have launched with it."} />
      )}
      <AccessFields guest={!current.kind.startsWith("LTI")} plans={plans} defaultAccess={values.accessKind} defaultPlan={values.plan} errors={errors} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save changes"}</button>
    </form>
  );
}
