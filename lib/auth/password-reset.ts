import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appOrigin } from "@/lib/env";
import { escapeHtml } from "@/lib/html/escape-html";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordErrors } from "@/lib/account/credential-fields";
import { emailField } from "@/lib/account/credential-fields";
import { findEmailToken, issueEmailToken, tokenLink, TOKEN_TTL_MS, type TokenProblem } from "@/lib/auth/email-token";
import { resetLimits, takeMailSlots } from "@/lib/auth/mail-throttle";
import { enqueueMail } from "@/lib/mail/send";
import { deliverMail } from "@/lib/mail/deliver";

// Password reset by email (docs/decisions/0024). Asking does the same work whatever the address
// (take the limits' slots, queue one job), and answers with one sentence: whether an account
// signs in with that address is decided by the mail worker, where no visitor can time it.

/** What /forgot-password says after every accepted request. */
export const RESET_REQUESTED =
  "If an account signs in with that address, we have sent it a link to choose a new password. The link works for 60 minutes; check your spam folder if nothing arrives within a few minutes.";

/** Asks for a reset link for `email`, from `address` (lib/auth/client-address.ts). Throws RATE_LIMITED past the limits. */
export async function requestPasswordReset(input: { email: string; address: string | null }): Promise<void> {
  const parsed = emailField.safeParse(input.email);
  if (!parsed.success) throw new AppError("BAD_INPUT", "Enter a valid email address.", { fields: { email: "Enter a valid email address." } });
  await takeMailSlots(resetLimits(parsed.data, input.address));
  await enqueueMail({ type: "password-reset", email: parsed.data, requestedBy: null });
}

/**
 * For the store owner: sends `userId` a link to choose a new password, at their sign-in email.
 * `requestedBy` is the administrator asking (checked here too) and is kept on the token; null
 * when the system itself sends one.
 */
export async function sendPasswordResetLink({ userId, requestedBy }: { userId: string; requestedBy: string | null }): Promise<void> {
  if (requestedBy !== null) {
    const admin = await prisma.user.findUnique({ where: { id: requestedBy }, select: { role: true } });
    if (admin?.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only store administrators can do that.");
  }
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new AppError("NOT_FOUND", "This person no longer exists.");
  if (!user.email) {
    throw new AppError("CONFLICT", "This person has no confirmed sign-in email, so a reset link cannot reach them. They can add one on their account page after launching from their course.");
  }
  await enqueueMail({ type: "password-reset", userId, requestedBy });
  if (requestedBy !== null) {
    await recordAudit({ actorUserId: requestedBy, action: "user.password-reset-link", targetUserId: userId, details: { email: user.email } });
  }
}

const minutes = Math.round(TOKEN_TTL_MS / 60_000);

function resetMessage(to: string, link: string, byAdministrator: boolean) {
  const why = byAdministrator
    ? `The library's administrator sent you this link to choose a new password for your Folio account (${to}).`
    : `Someone, probably you, asked to choose a new password for the Folio account that signs in with ${to}.`;
  const after = `The link works once, for the next ${minutes} minutes. Choosing a new password signs you out everywhere else.`;
  const ignore = "If you did not ask for this, ignore this message: your password stays as it is.";
  return {
    to,
    subject: "Choose a new Folio password",
    text: `${why}\n\nChoose a new password:\n${link}\n\n${after}\n\n${ignore}\n`,
    html: `<p>${escapeHtml(why)}</p><p><a href="${escapeHtml(link)}">Choose a new password</a></p><p>${escapeHtml(after)}</p><p>${escapeHtml(ignore)}</p>`,
  };
}

/** The mail worker's part: makes the token and sends it, or does nothing when no account fits. */
export async function deliverPasswordReset(job: { email?: string; userId?: string; requestedBy: string | null }): Promise<void> {
  const user = job.userId
    ? await prisma.user.findUnique({ where: { id: job.userId }, select: { id: true, email: true } })
    : job.email
      ? await prisma.user.findUnique({ where: { email: job.email }, select: { id: true, email: true } })
      : null;
  if (!user?.email) return;
  const raw = await issueEmailToken({ kind: "PASSWORD_RESET", userId: user.id, email: user.email, requestedById: job.requestedBy });
  await deliverMail(resetMessage(user.email, tokenLink("/reset-password", raw), job.requestedBy !== null));
}

const PROBLEMS: Record<TokenProblem | "stale", string> = {
  invalid: "This link is not valid. Copy the whole link from the message, or ask for a new one.",
  used: "This link was already used. If you need to, ask for a new one.",
  expired: "This link has expired. Ask for a new one: it works for 60 minutes.",
  stale: "This link was sent to an address the account no longer signs in with. Ask for a new one.",
};

/** For the reset page: whom the link is for, or why it cannot be used. */
export async function checkResetToken(raw: unknown): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  const found = await findEmailToken(raw, "PASSWORD_RESET");
  if ("problem" in found) return { ok: false, message: PROBLEMS[found.problem] };
  const user = await prisma.user.findUnique({ where: { id: found.token.userId }, select: { email: true } });
  if (user?.email !== found.token.email) return { ok: false, message: PROBLEMS.stale };
  return { ok: true, email: found.token.email };
}

const resetSchema = z.object({ token: z.string().max(200), password: z.string().max(1000), confirm: z.string().max(1000) });

/**
 * Sets a new password with a reset link's token. The token is spent in the same transaction
 * that sets the password, and only if still unused, unexpired and for the account's current
 * email; every session ends (sessionVersion), unused links and a pending email change are
 * dropped, and the sign-in limits for the address start again. Returns the email to sign in with.
 */
export async function resetPassword(input: z.input<typeof resetSchema>): Promise<{ email: string }> {
  const { token, password, confirm } = resetSchema.parse(input);
  const found = await findEmailToken(token, "PASSWORD_RESET");
  if ("problem" in found) throw new AppError("BAD_INPUT", PROBLEMS[found.problem]);
  const user = await prisma.user.findUnique({
    where: { id: found.token.userId },
    select: { email: true, name: true, ltiIdentities: { select: { nameHint: true } } },
  });
  if (!user || user.email !== found.token.email) throw new AppError("BAD_INPUT", PROBLEMS.stale);
  const name = [user.name, ...user.ltiIdentities.map((i) => i.nameHint)].filter(Boolean).join(" ");
  const fields = await newPasswordErrors(password, confirm, { email: user.email, name, passwordField: "password" });
  if (Object.keys(fields).length) throw new AppError("BAD_INPUT", "Check the highlighted fields.", { fields });

  const passwordHash = await hashPassword(password);
  const email = found.token.email;
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const spent = await tx.emailToken.updateMany({ where: { id: found.token.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) throw new AppError("BAD_INPUT", PROBLEMS.used);
    const updated = await tx.user.updateMany({
      where: { id: found.token.userId, email },
      data: { passwordHash, sessionVersion: { increment: 1 }, pendingEmail: null },
    });
    if (updated.count !== 1) throw new AppError("BAD_INPUT", PROBLEMS.stale);
    await tx.emailToken.deleteMany({ where: { userId: found.token.userId, usedAt: null } });
    // Someone locked out by guesses at their account gets in with the password they just chose.
    await tx.$executeRaw`delete from "LoginThrottle" where key = ${`account:${email}`} or starts_with(key, ${`pair:${email} `})`;
  });
  return { email };
}

/** Where the reset page sends the person afterwards. */
export const AFTER_RESET_PATH = "/login?reset=done";
export const FORGOT_PASSWORD_URL = `${appOrigin}/forgot-password`;
