"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { confirmEmailChange } from "@/lib/account/email-change";
import type { FormState } from "@/components/ui/form-state";

const form = z.object({ token: z.string().max(1000).catch("") });

export async function confirmEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { token } = form.parse({ token: formData.get("token") });
  try {
    await confirmEmailChange(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, message: error.message };
  }
  redirect("/confirm-email?confirmed=1");
}
