"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset, RESET_REQUESTED } from "@/lib/auth/password-reset";
import type { FormState } from "@/components/ui/form-state";

const form = z.object({ email: z.string().max(1000).catch("") });

/** Always the same sentence for an accepted address, whether or not an account uses it. */
export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { email } = form.parse({ email: formData.get("email") });
  try {
    await requestPasswordReset({ email, address: clientAddress(await headers()) });
    return { ok: true, message: RESET_REQUESTED, values: { email } };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, message: error.message, fields: error.fields, values: { email } };
  }
}
