"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActionAdmin, requireAdmin } from "@/lib/auth/session";
import { formErrorFrom } from "@/lib/integrations/field-errors";
import { getPlanForAdmin } from "@/lib/plans/plan-admin";
import { createPlan, updatePlan } from "@/lib/plans/plans";
import type { FormState } from "@/components/ui/form-state";

const LIST = "/admin/plans";

const planFormSchema = z
  .object({
    name: z.string(),
    slug: z.string().trim().min(1, "Give the plan an address, e.g. classics-2026."),
    scope: z.enum(["all", "chosen"], { message: "Choose all publications or pick some." }),
    publications: z.array(z.string().min(1).max(80)).max(10_000),
    collections: z.array(z.string().min(1).max(80)).max(500),
  })
  .transform(({ scope, publications, collections, ...rest }) => ({
    ...rest,
    publications: scope === "all" ? ("all" as const) : publications,
    collections: scope === "all" ? [] : collections,
  }));

function readForm(form: FormData) {
  const value = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  return { name: value("name"), slug: value("slug"), scope: value("scope"), publications: all("publications"), collections: all("collections") };
}

/** The typed values, to put back into the form after a failed save (checkboxes as one comma list). */
function valuesOf(form: FormData): Record<string, string> {
  const v = readForm(form);
  return { name: v.name, slug: v.slug, scope: v.scope, publications: v.publications.join(","), collections: v.collections.join(",") };
}

function failed(error: unknown, form: FormData, prev: FormState): FormState {
  const { message, fields } = formErrorFrom(error);
  return { message, fields, values: valuesOf(form), version: (prev.version ?? 0) + 1 };
}

export async function createPlanAction(prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  let id: string;
  try {
    await requireAdmin();
    id = (await createPlan(planFormSchema.parse(readForm(form)))).id;
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(LIST);
  redirect(`${LIST}?saved=${encodeURIComponent(id)}`);
}

export async function updatePlanAction(id: string, prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  try {
    await requireAdmin();
    if (!(await getPlanForAdmin(id))) return { message: "That plan no longer exists.", values: valuesOf(form), version: (prev.version ?? 0) + 1 };
    await updatePlan(id, planFormSchema.parse(readForm(form)));
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(LIST);
  revalidatePath(`${LIST}/${id}`);
  return { ok: true, message: "Saved. People with this plan can read these publications from now on.", values: valuesOf(form), version: (prev.version ?? 0) + 1 };
}
