"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { AFTER_RESET_PATH, resetPassword } from "@/lib/auth/password-reset";
import type { FormState } from "@/components/ui/form-state";

const text = z.string().max(1000).catch("");
const form = z.object({ token: text, password: text, confirm: text });

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = form.parse(Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")));
  try {
    await resetPassword(values);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, message: error.message, fields: error.fields };
  }
  redirect(AFTER_RESET_PATH);
}
