/** What a server action returns to a form rendered with useActionState. */
export type FormState = {
  /** A sentence above the form: what went wrong, or what was saved. */
  message?: string;
  ok?: boolean;
  /** Messages shown next to their fields. */
  fields?: Record<string, string>;
  /** The values the person typed, put back into the form after a failed save. */
  values?: Record<string, string>;
  /** Changes on every answer, so the form remounts with the values above as its defaults. */
  version?: number;
};

export const initialFormState: FormState = {};

export const inputClass =
  "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand disabled:bg-stone-100 disabled:text-stone-600 aria-[invalid=true]:border-red-500";

export const primaryButtonClass =
  "rounded-md bg-brand px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-orange-900 disabled:opacity-60";

export const secondaryButtonClass =
  "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-700 shadow-sm hover:bg-stone-50 disabled:opacity-60";
