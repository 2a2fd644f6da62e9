"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass } from "@/components/ui/form-state";
import type { EditableMetadata } from "@/lib/publications/metadata";
import { subjectLines } from "@/lib/publications/metadata-form";
import { saveCatalogMetadataAction } from "../catalog-actions";

/** ISBN, publisher, language, date, BISAC subjects, collections and keywords; what was typed stays after an error. */
export function CatalogForm({ id, metadata: m }: { id: string; metadata: EditableMetadata }) {
  const [state, action, pending] = useActionState(saveCatalogMetadataAction.bind(null, id), initialFormState);
  const v = state.values;
  const errors = state.fields ?? {};
  return (
    <form key={state.version} action={action} className="space-y-5" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field name="isbn" label="ISBN" mono defaultValue={v?.isbn ?? m.isbn ?? ""} error={errors.isbn} placeholder="978-0-14-044793-4"
          hint="ISBN-10 or ISBN-13; hyphens are fine. The check digit is verified." />
        <Field name="publisher" label="Publisher" defaultValue={v?.publisher ?? m.publisher ?? ""} error={errors.publisher} />
        <Field name="language" label="Language" mono defaultValue={v?.language ?? m.language ?? ""} error={errors.language} placeholder="en"
          hint="A language code: en, fr, pt-BR…" />
        <Field name="publicationDate" label="Publication date" mono defaultValue={v?.publicationDate ?? m.publicationDate ?? ""} error={errors.publicationDate}
          placeholder="1869 or 1869-03-01" />
      </div>
      <Field name="subjects" label="Subjects (BISAC)" multiline mono defaultValue={v?.subjects ?? subjectLines(m.subjects)} error={errors.subjects}
        placeholder="FIC004000 FICTION / Classics" hint="One a line: the code, then its label. Readers can filter the catalog by subject." />
      <Field name="collections" label="Collections" defaultValue={v?.collections ?? m.collections.join(", ")} error={errors.collections}
        placeholder="Russian classics, Reading list 2027"
        hint="Separated by commas; a new name creates the collection. Plans that include a collection include this book." />
      <Field name="keywords" label="Keywords" defaultValue={v?.keywords ?? m.keywords.join(", ")} error={errors.keywords}
        hint="Separated by commas; the catalog search finds them." />
      <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save catalog details"}</button>
    </form>
  );
}
