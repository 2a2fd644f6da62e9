"use client";
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/app/admin/settings/integrations/_components/field";
import { initialFormState, inputClass, primaryButtonClass } from "@/app/admin/settings/integrations/_components/form-state";
import { uploadPublicationAction } from "../actions";

/** Upload an EPUB: the file is read, checked and stored; a refused file says why, next to the field. */
export function UploadForm() {
  const [state, action, pending] = useActionState(uploadPublicationAction, initialFormState);
  const errors = state.fields ?? {};
  return (
    <form key={state.version} action={action} className="space-y-4" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <div className="grid gap-4 sm:grid-cols-[1fr_16rem]">
        <div>
          <label htmlFor="file" className="text-sm font-medium text-stone-800">EPUB file</label>
          <input id="file" name="file" type="file" accept=".epub,application/epub+zip" required
            aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? "file-error" : "file-hint"}
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-brand-light file:px-3 file:py-1 file:text-sm file:font-medium file:text-brand`} />
          {!errors.file && <p id="file-hint" className="mt-1 text-xs text-stone-500">EPUB 2 or 3, up to 50 MB, without DRM. Title, author, cover and chapters are read from the file.</p>}
          <FieldError name="file" error={errors.file} />
        </div>
        <div>
          <label htmlFor="slug" className="text-sm font-medium text-stone-800">Address <span className="font-normal text-stone-500">(optional)</span></label>
          <input id="slug" name="slug" type="text" defaultValue={state.values?.slug} placeholder="from the title" spellCheck={false}
            aria-invalid={errors.slug ? true : undefined} aria-describedby={errors.slug ? "slug-error" : "slug-hint"} className={`${inputClass} font-mono`} />
          {!errors.slug && <p id="slug-hint" className="mt-1 text-xs text-stone-500">/read/<em>address</em>; it never changes.</p>}
          <FieldError name="slug" error={errors.slug} />
        </div>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Reading the book…" : "Upload"}</button>
        <p className="text-xs text-stone-500">It starts unpublished: check it, set the price, then publish.</p>
      </div>
    </form>
  );
}
