"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActionAdmin } from "@/lib/auth/session";
import { formErrorFrom } from "@/lib/integrations/field-errors";
import { deletePerson, grantAccess, revokeAccess, setAccountDisabled } from "@/lib/users/manage-person";
import { sendPasswordResetLink } from "@/lib/auth/password-reset";
import type { ActionResult } from "@/components/ui/confirm-action";

// Thin: check the administrator (the lib functions check again), call lib/users/manage-person,
// answer with a sentence. Each was confirmed on the page (components/ui/confirm-action.tsx).

const LIST = "/admin/users";

async function run(userId: string, work: () => Promise<void>, done: string): Promise<ActionResult> {
  await requireActionAdmin();
  try {
    await work();
  } catch (error) {
    return { ok: false, message: formErrorFrom(error).message };
  }
  revalidatePath(`${LIST}/${userId}`);
  revalidatePath(LIST);
  return { ok: true, message: done };
}

const grantForm = z.object({ access: z.string().min(1, "Choose full access or a plan.").max(80) });

export async function grantAccessAction(userId: string, form: FormData): Promise<ActionResult> {
  return run(userId, async () => {
    const { access } = grantForm.parse({ access: form.get("access") });
    await grantAccess(access === "full" ? { userId, kind: "FULL" } : { userId, kind: "PLAN", planId: access.replace(/^plan:/, "") });
  }, "Access given. It applies from their next page or book opened.");
}

export async function revokeAccessAction(userId: string, grantId: string): Promise<ActionResult> {
  return run(userId, () => revokeAccess({ userId, grantId }), "Access taken away. It applies from their next page or book opened.");
}

export async function setDisabledAction(userId: string, disabled: boolean): Promise<ActionResult> {
  return run(userId, () => setAccountDisabled({ userId, disabled }),
    disabled ? "Account disabled. They are signed out on their next request." : "Account enabled. They can sign in and launch again.");
}

export async function sendResetLinkAction(userId: string): Promise<ActionResult> {
  const admin = await requireActionAdmin();
  return run(userId, () => sendPasswordResetLink({ userId, requestedBy: admin.id }),
    "Reset link sent. It works once, for the next hour.");
}

export async function deletePersonAction(userId: string): Promise<ActionResult> {
  await requireActionAdmin();
  try {
    await deletePerson({ userId });
  } catch (error) {
    return { ok: false, message: formErrorFrom(error).message };
  }
  revalidatePath(LIST);
  redirect(`${LIST}?deleted=1`);
}
