"use client";
import { useActionState, useState } from "react";
import { Field, FieldError, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass, type FormState } from "@/components/ui/form-state";

export type PublicationOption = { slug: string; title: string; author: string; published: boolean };
export type CollectionOption = { slug: string; name: string; count: number };
type Plan = { name: string; slug: string; allPublications: boolean; publications: string[]; collections: string[] };
type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  publications: PublicationOption[];
  collections: CollectionOption[];
  plan?: Plan;
  submitLabel: string;
};

/** Name, address and which publications (all, or chosen books and collections); typed values survive an error. */
export function PlanForm({ action: save, publications, collections, plan, submitLabel }: Props) {
  const [state, action, pending] = useActionState(save, initialFormState);
  const v = state.values;
  const errors = state.fields ?? {};
  const chosen = new Set(v ? v.publications?.split(",").filter(Boolean) : plan?.publications);
  const chosenCollections = new Set(v ? v.collections?.split(",").filter(Boolean) : plan?.collections);
  const [scope, setScope] = useState(v?.scope || (plan?.allPublications ? "all" : plan ? "chosen" : "all"));
  return (
    <form key={state.version} action={action} className="space-y-5" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Name" required defaultValue={v?.name ?? plan?.name} error={errors.name} placeholder="e.g. Secondary school classics" />
        <Field name="slug" label="Address" mono required defaultValue={v?.slug ?? plan?.slug} error={errors.slug} placeholder="e.g. school-classics"
          hint="Lower-case letters, digits and hyphens; integrations and the CLI refer to the plan by it." />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Publications</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          {([["all", "All publications, including future ones"], ["chosen", "Only the collections and books I pick"]] as const).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} className="accent-brand" /> {label}
            </label>
          ))}
        </div>
        <FieldError name="scope" error={errors.scope} />
        {scope === "chosen" && (
          <fieldset className="mt-3">
            <legend className="text-sm text-stone-700">Collections: their books, including ones added later, are in the plan.</legend>
            <ul className="mt-2 grid max-h-48 gap-1 overflow-y-auto rounded-md border border-stone-200 p-2 sm:grid-cols-2">
              {collections.map((c) => (
                <li key={c.slug}>
                  <label className="flex items-start gap-2 rounded px-2 py-1 text-sm hover:bg-stone-50">
                    <input type="checkbox" name="collections" value={c.slug} defaultChecked={chosenCollections.has(c.slug)} className="mt-1 accent-brand" />
                    <span>{c.name} <span className="text-stone-600">· {c.count} {c.count === 1 ? "book" : "books"}</span></span>
                  </label>
                </li>
              ))}
              {collections.length === 0 && <li className="px-2 py-1 text-sm text-stone-600">No collections yet: add books to one on a publication&apos;s page.</li>}
            </ul>
            <FieldError name="collections" error={errors.collections} />
          </fieldset>
        )}
        {scope === "chosen" && (
          <ul className="mt-3 grid max-h-72 gap-1 overflow-y-auto rounded-md border border-stone-200 p-2 sm:grid-cols-2">
            {publications.map((p) => (
              <li key={p.slug}>
                <label className="flex items-start gap-2 rounded px-2 py-1 text-sm hover:bg-stone-50">
                  <input type="checkbox" name="publications" value={p.slug} defaultChecked={chosen.has(p.slug)} className="mt-1 accent-brand" />
                  <span>{p.title} <span className="text-stone-600">· {p.author}</span>{!p.published && <span className="ml-1 text-xs text-amber-700">(draft)</span>}</span>
                </label>
              </li>
            ))}
            {publications.length === 0 && <li className="px-2 py-1 text-sm text-stone-600">No publications yet.</li>}
          </ul>
        )}
        <FieldError name="publications" error={errors.publications} />
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : submitLabel}</button>
    </form>
  );
}
