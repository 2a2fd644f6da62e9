import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { createSessionCookie } from "@/lib/auth/session-cookie";
import { confirmCurrentPassword } from "@/lib/account/current-password";
import { emailField, newPasswordErrors, type FieldErrors } from "@/lib/account/credential-fields";
import { assertEmailFree, startEmailChange } from "@/lib/account/email-change";
import { CONFIRM_LIMIT, takeMailSlots } from "@/lib/auth/mail-throttle";

export const setEmailAndPasswordSchema = z.object({
  userId: z.string().min(1),
  email: z.string(),
  password: z.string(),
  confirm: z.string(),
  /** Required only when the account already has a password. */
  current: z.string().optional(),
});

/**
 * Lets the signed-in person add (or replace) the email and password they sign in with at /login.
 * Only for someone who came through an integration at least once, or who already has an email:
 * the userId always comes from the session, so there is no way to attach credentials to an
 * LTI account from outside. An email the LMS sent is never used on its own (no merging).
 * The password is set at once; an address other than the current sign-in email waits as
 * pendingEmail until the link sent to it is opened (`pending: true`), and until then does not
 * sign in (docs/decisions/0024). Replacing an existing password ends other sessions and returns
 * a cookie for this browser.
 */
export async function setEmailAndPassword(input: z.input<typeof setEmailAndPasswordSchema>): Promise<{ email: string; pending: boolean; sessionCookie: string | null }> {
  const { userId, password, confirm, current, ...rest } = setEmailAndPasswordSchema.parse(input);
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, passwordHash: true, ltiIdentities: { select: { nameHint: true } } },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");

  const email = emailField.safeParse(rest.email);
  const fields: FieldErrors = email.success ? {} : { email: email.error.issues[0]?.message ?? "Enter a valid email address." };
  // The strength estimator is told who the person is: their new email, and their name here and in their LMS.
  const name = [user.name, ...user.ltiIdentities.map((i) => i.nameHint)].filter(Boolean).join(" ");
  Object.assign(fields, await newPasswordErrors(password, confirm, { email: email.data, name, passwordField: "password" }));
  if (!email.success || Object.keys(fields).length) throw new AppError("BAD_INPUT", "Check the highlighted fields.", { fields });

  if (user.ltiIdentities.length === 0 && user.email === null) {
    throw new AppError("FORBIDDEN", "Open Folio from your course once before adding an email and password.");
  }
  const replacing = user.passwordHash !== null;
  if (user.passwordHash) await confirmCurrentPassword({ email: user.email, passwordHash: user.passwordHash }, current);

  const pending = email.data !== user.email;
  if (pending) {
    await assertEmailFree(userId, email.data);
    await takeMailSlots([{ key: `confirm:${userId}`, ...CONFIRM_LIMIT }]);
  }
  const updated = await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), ...(replacing ? { sessionVersion: { increment: 1 } } : {}) },
    select: { id: true, role: true, sessionVersion: true },
  });
  if (pending) await startEmailChange(user, email.data);
  return { email: email.data, pending, sessionCookie: replacing ? await createSessionCookie(updated) : null };
}
