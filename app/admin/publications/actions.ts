"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActionAdmin, requireAdmin } from "@/lib/auth/session";
import { formErrorFrom } from "@/lib/integrations/field-errors";
import { deletePublication, updatePublication } from "@/lib/publications/manage";
import type { FormState } from "@/components/ui/form-state";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";
import { priceSchema } from "@/lib/publications/price";

// Thin: check the administrator, read the form with zod, call lib/publications, answer the form.
// Uploads do not come here: a server action's body is parsed before any check, so they go to
// POST /api/admin/publications, which checks first and streams the file to disk.

const LIST = "/admin/publications";

const detailsSchema = z.object({
  // Checked here as well as in manage.ts, so every field's message shows at once.
  title: z.string().trim().min(1, "Give the publication a title."),
  author: z.string().trim().min(1, "Name the author."),
  description: z.string().trim().transform((s) => s || null),
  price: priceSchema,
  isFree: z.boolean(),
});

const text = (form: FormData, name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
const valuesOf = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")) as [string, string][]);

function failed(error: unknown, form: FormData, prev: FormState): FormState {
  const { message, fields } = formErrorFrom(error);
  return { message, fields, values: valuesOf(form), version: (prev.version ?? 0) + 1 };
}

export async function savePublicationAction(id: string, prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  try {
    await requireAdmin();
    const details = detailsSchema.parse({
      title: text(form, "title"), author: text(form, "author"), description: text(form, "description"), price: text(form, "price") || "0",
      isFree: form.get("isFree") === "on",
    });
    const { price, ...rest } = details;
    await updatePublication({ id, ...rest, priceCents: details.isFree ? 0 : price });
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(`${LIST}/${id}`);
  revalidatePath(LIST);
  refreshCatalog();
  // No values: the form remounts with what was saved (published is changed by its own button).
  return { ok: true, message: "Saved.", version: (prev.version ?? 0) + 1 };
}

export async function setPublishedAction(id: string, published: boolean): Promise<{ error: string } | void> {
  await requireActionAdmin();
  try {
    await requireAdmin();
    await updatePublication({ id, published });
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
  revalidatePath(`${LIST}/${id}`);
  revalidatePath(LIST);
  refreshCatalog();
}

export async function deletePublicationAction(id: string): Promise<{ error: string } | void> {
  await requireActionAdmin();
  let title: string;
  try {
    await requireAdmin();
    // The page showed what goes (describeDeletion) and the person confirmed it.
    title = (await deletePublication({ id, confirm: true })).title;
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
  revalidatePath(LIST);
  refreshCatalog();
  redirect(`${LIST}?deleted=${encodeURIComponent(title)}`);
}
