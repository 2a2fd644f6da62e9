import "server-only";
import { prisma, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { escapeHtml } from "@/lib/html/escape-html";
import { findEmailToken, type TokenProblem } from "@/lib/auth/email-token";
import { CONFIRM_LIMIT, takeMailSlots } from "@/lib/auth/mail-throttle";
import { confirmCurrentPassword } from "@/lib/account/current-password";
import { emailField } from "@/lib/account/credential-fields";
import { enqueueMail } from "@/lib/mail/send";
import { FORGOT_PASSWORD_URL } from "@/lib/auth/password-reset";

// A new sign-in email is kept as User.pendingEmail until the link sent to it is opened; only then
// does it become User.email, the address that signs in and gets reset links (docs/decisions/0024).
// The old address, if any, is told at once, and a password reset cancels the change.

// Says nothing about whose account it is: only that this address cannot be used here.
export const EMAIL_TAKEN = "This email address is already used by another account. Choose a different one.";

/** Throws CONFLICT when another account signs in with `email`. */
export async function assertEmailFree(userId: string, email: string): Promise<void> {
  const other = await prisma.user.findFirst({ where: { email, id: { not: userId } }, select: { id: true } });
  if (other) throw new AppError("CONFLICT", EMAIL_TAKEN, { fields: { email: EMAIL_TAKEN } });
}

/**
 * Records `email` as the person's pending address and queues its confirmation link, and a notice
 * to the address they sign in with now (if any). Callers have checked who is asking.
 */
export async function startEmailChange(user: { id: string; email: string | null }, email: string): Promise<void> {
  await prisma.user.update({ where: { id: user.id }, data: { pendingEmail: email } });
  // Links to an address given up before are void.
  await prisma.emailToken.deleteMany({ where: { userId: user.id, kind: "EMAIL_CHANGE", usedAt: null } });
  await enqueueMail({ type: "email-confirm", userId: user.id, email });
  if (user.email && user.email !== email) await enqueueMail({ type: "message", message: changeNotice(user.email, email) });
}

function changeNotice(to: string, next: string) {
  const what = `Someone signed in to your Folio account asked to sign in with ${next} instead of ${to} from now on.`;
  const when = "Nothing changes until the link we sent to the new address is opened.";
  const ifNot = `If this was not you, choose a new password at ${FORGOT_PASSWORD_URL} : that cancels the change and signs you out everywhere.`;
  return {
    to,
    subject: "Your Folio sign-in email is being changed",
    text: `${what}\n\n${when}\n\n${ifNot}\n`,
    html: `<p>${escapeHtml(what)}</p><p>${escapeHtml(when)}</p><p>If this was not you, <a href="${escapeHtml(FORGOT_PASSWORD_URL)}">choose a new password</a>: that cancels the change and signs you out everywhere.</p>`,
  };
}

/** The account page's "Change email": needs the current password; the change waits for the link. */
export async function requestEmailChange(input: { userId: string; email: string; current: string }): Promise<{ pendingEmail: string }> {
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!user.passwordHash) throw new AppError("BAD_INPUT", "Add an email and a password first.");
  const parsed = emailField.safeParse(input.email);
  if (!parsed.success) throw new AppError("BAD_INPUT", "Check the highlighted fields.", { fields: { email: parsed.error.issues[0]?.message ?? "Enter a valid email address." } });
  if (parsed.data === user.email) throw new AppError("BAD_INPUT", "That is already your sign-in email.", { fields: { email: "That is already your sign-in email." } });
  await confirmCurrentPassword({ email: user.email, passwordHash: user.passwordHash }, input.current);
  await assertEmailFree(user.id, parsed.data);
  await takeMailSlots([{ key: `confirm:${user.id}`, ...CONFIRM_LIMIT }]);
  await startEmailChange(user, parsed.data);
  return { pendingEmail: parsed.data };
}

/** Sends the confirmation link again (a new one: the older ones stop working). */
export async function resendEmailConfirmation(userId: string): Promise<{ pendingEmail: string }> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { pendingEmail: true } });
  if (!user?.pendingEmail) throw new AppError("BAD_INPUT", "There is no address waiting for confirmation.");
  await takeMailSlots([{ key: `confirm:${userId}`, ...CONFIRM_LIMIT }]);
  await enqueueMail({ type: "email-confirm", userId, email: user.pendingEmail });
  return { pendingEmail: user.pendingEmail };
}

/** Drops the address waiting for confirmation; its links stop working. */
export async function cancelEmailChange(userId: string): Promise<void> {
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { pendingEmail: null } }),
    prisma.emailToken.deleteMany({ where: { userId, kind: "EMAIL_CHANGE", usedAt: null } }),
  ]);
}

const PROBLEMS: Record<TokenProblem | "stale", string> = {
  invalid: "This link is not valid. Copy the whole link from the message, or send a new one from your account page.",
  used: "This link was already used.",
  expired: "This link has expired. Send a new one from your account page: it works for 60 minutes.",
  stale: "This address is no longer the one waiting for confirmation on the account. Send a new link from your account page.",
};

/** For the confirmation page: the address the link confirms, or why it cannot. */
export async function checkEmailChangeToken(raw: unknown): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  const found = await findEmailToken(raw, "EMAIL_CHANGE");
  if ("problem" in found) return { ok: false, message: PROBLEMS[found.problem] };
  const user = await prisma.user.findUnique({ where: { id: found.token.userId }, select: { pendingEmail: true } });
  if (user?.pendingEmail !== found.token.email) return { ok: false, message: PROBLEMS.stale };
  return { ok: true, email: found.token.email };
}

/**
 * Makes the pending address the sign-in email, spending the token in the same transaction. Reset
 * links sent to the old address stop working. Works without being signed in: the link is the proof.
 */
export async function confirmEmailChange(raw: string): Promise<{ email: string }> {
  const found = await findEmailToken(raw, "EMAIL_CHANGE");
  if ("problem" in found) throw new AppError("BAD_INPUT", PROBLEMS[found.problem]);
  const { id, userId, email } = found.token;
  try {
    await prisma.$transaction(async (tx) => {
      const now = new Date();
      const spent = await tx.emailToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (spent.count !== 1) throw new AppError("BAD_INPUT", PROBLEMS.used);
      const updated = await tx.user.updateMany({ where: { id: userId, pendingEmail: email }, data: { email, pendingEmail: null } });
      if (updated.count !== 1) throw new AppError("BAD_INPUT", PROBLEMS.stale);
      await tx.emailToken.deleteMany({ where: { userId, usedAt: null } });
    });
  } catch (error) {
    // Another account confirmed the same address first.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", EMAIL_TAKEN);
    throw error;
  }
  return { email };
}
