"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { parse } from "cookie";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { SESSION_COOKIE, SESSION_MAX_AGE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { isAppError } from "@/lib/errors";
import { setEmailAndPassword } from "@/lib/account/set-email-and-password";
import { changePassword } from "@/lib/account/change-password";
import { cancelEmailChange, requestEmailChange, resendEmailConfirmation } from "@/lib/account/email-change";

/** `email` echoes what was typed, so a refused form does not lose it (passwords are never echoed). */
export type AccountFormState = { ok: boolean; message: string | null; fields: Record<string, string>; email?: string };

const text = z.string().max(1000).catch("");
// Only these fields are read: whatever else a form carries (a user or public ID) is ignored.
const credentialsForm = z.object({ email: text, password: text, confirm: text, current: text.optional() });
const changeForm = z.object({ current: text, next: text, confirm: text });
const emailForm = z.object({ email: text, current: text });

function formValues(formData: FormData): Record<string, unknown> {
  return Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
}

function failure(error: unknown, email?: string): AccountFormState {
  if (!isAppError(error)) throw error;
  return { ok: false, message: error.message, fields: { ...(error.fields ?? {}) }, ...(email === undefined ? {} : { email }) };
}

// A password change bumps the session version; this browser gets a token that carries the new one.
async function keepThisBrowserSignedIn(setCookie: string | null): Promise<void> {
  const token = setCookie ? parse(setCookie)[SESSION_COOKIE] : undefined;
  if (token) (await cookies()).set(SESSION_COOKIE, token, { ...sessionCookieOptions, maxAge: SESSION_MAX_AGE });
}

export async function setEmailAndPasswordAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const form = credentialsForm.parse(formValues(formData));
  let pending: boolean;
  try {
    const user = await requireUser();
    const result = await setEmailAndPassword({ userId: user.id, ...form, current: form.current || undefined });
    await keepThisBrowserSignedIn(result.sessionCookie);
    pending = result.pending;
  } catch (error) {
    return failure(error, form.email);
  }
  // The page now offers "Change password" instead of this form: say so at the top of it (and,
  // for a new address, that its link must be opened first).
  revalidatePath("/account");
  redirect(pending ? "/account?saved=confirm" : "/account?saved=credentials");
}

export async function changeEmailAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const form = emailForm.parse(formValues(formData));
  try {
    const user = await requireUser();
    const { pendingEmail } = await requestEmailChange({ userId: user.id, ...form });
    revalidatePath("/account");
    return { ok: true, message: `We sent a link to ${pendingEmail}. Your sign-in email changes when you open it.`, fields: {} };
  } catch (error) {
    return failure(error, form.email);
  }
}

/** The pending address's buttons: send its link again, or give it up. */
export async function pendingEmailAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  try {
    const user = await requireUser();
    if (formData.get("intent") === "cancel") {
      await cancelEmailChange(user.id);
      revalidatePath("/account");
      return { ok: true, message: "Cancelled: your sign-in email stays as it was.", fields: {} };
    }
    const { pendingEmail } = await resendEmailConfirmation(user.id);
    return { ok: true, message: `We sent a new link to ${pendingEmail}. Earlier links no longer work.`, fields: {} };
  } catch (error) {
    return failure(error);
  }
}

export async function changePasswordAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  try {
    const user = await requireUser();
    const form = changeForm.parse(formValues(formData));
    const result = await changePassword({ userId: user.id, ...form });
    await keepThisBrowserSignedIn(result.sessionCookie);
    revalidatePath("/account");
    return { ok: true, message: "Password changed. You were signed out everywhere else.", fields: {} };
  } catch (error) {
    return failure(error);
  }
}
