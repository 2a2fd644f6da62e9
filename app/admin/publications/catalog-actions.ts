"use server";
import { revalidatePath } from "next/cache";
import { requireActionAdmin, requireAdmin } from "@/lib/auth/session";
import { formErrorFrom } from "@/lib/integrations/field-errors";
import { parseSubjectLines, splitList } from "@/lib/publications/metadata-form";
import { updateCatalogMetadata } from "@/lib/publications/metadata";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";
import type { FormState } from "@/components/ui/form-state";

// The publication's catalog metadata and shelves (docs/decisions/0029), a form of its own.

const text = (form: FormData, name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
const FIELDS = ["isbn", "publisher", "language", "publicationDate", "subjects", "collections", "keywords"];

export async function saveCatalogMetadataAction(id: string, prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  const values = Object.fromEntries(FIELDS.map((f) => [f, text(form, f)]));
  const version = (prev.version ?? 0) + 1;
  try {
    await requireAdmin();
    await updateCatalogMetadata({
      id,
      isbn: values.isbn!,
      publisher: values.publisher!,
      language: values.language!,
      publicationDate: values.publicationDate!,
      subjects: parseSubjectLines(values.subjects!),
      collections: splitList(values.collections!),
      keywords: splitList(values.keywords!),
    });
  } catch (error) {
    const { message, fields } = formErrorFrom(error);
    return { message, fields, values, version };
  }
  revalidatePath(`/admin/publications/${id}`);
  refreshCatalog();
  return { ok: true, message: "Saved. The catalog shows the new details within a minute.", version };
}
