"use client";
import { useActionState } from "react";
import { Field, FieldError, FormMessage } from "@/components/ui/field";
import { initialFormState, inputClass, primaryButtonClass } from "@/components/ui/form-state";
import { savePublicationAction } from "../actions";

type Details = { id: string; title: string; author: string; description: string | null; priceCents: number; isFree: boolean };

/** Title, author, description, price / free (publishing has its own button); what the person typed stays after an error. */
export function DetailsForm({ publication: p }: { publication: Details }) {
  const [state, action, pending] = useActionState(savePublicationAction.bind(null, p.id), initialFormState);
  const v = state.values;
  const errors = state.fields ?? {};
  const checked = (name: string, fallback: boolean) => (v ? v[name] === "on" : fallback);
  return (
    <form key={state.version} action={action} className="space-y-5" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <Field name="title" label="Title" required defaultValue={v?.title ?? p.title} error={errors.title} />
      <Field name="author" label="Author" required defaultValue={v?.author ?? p.author} error={errors.author} />
      <Field name="description" label="Description" multiline defaultValue={v?.description ?? p.description ?? ""} error={errors.description}
        hint="Shown on the book's page in the catalog." />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="price" className="text-sm font-medium text-stone-800">Price (USD)</label>
          <input id="price" name="price" inputMode="decimal" defaultValue={v?.price ?? (p.priceCents / 100).toFixed(2)}
            aria-invalid={errors.price || errors.priceCents ? true : undefined} aria-describedby="price-error" className={inputClass} />
          <FieldError name="price" error={errors.price ?? errors.priceCents} />
        </div>
        <fieldset className="space-y-2 pt-6 text-sm">
          <legend className="sr-only">Availability</legend>
          <label className="flex items-center gap-2"><input type="checkbox" name="isFree" defaultChecked={checked("isFree", p.isFree)} className="accent-brand" /> Free for everyone (no plan needed)</label>
        </fieldset>
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save"}</button>
    </form>
  );
}
