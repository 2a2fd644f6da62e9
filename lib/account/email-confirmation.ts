import "server-only";
import { prisma } from "@/lib/db";
import { escapeHtml } from "@/lib/html/escape-html";
import { issueEmailToken, tokenLink, TOKEN_TTL_MS } from "@/lib/auth/email-token";
import { deliverMail } from "@/lib/mail/deliver";

// The mail worker's side of an email change (lib/account/email-change.ts has the person's side).
// Kept apart because the worker also runs in the production server, outside Next, where nothing
// that reads the request (next/headers) may be loaded.

const minutes = Math.round(TOKEN_TTL_MS / 60_000);

function confirmMessage(to: string, link: string) {
  const what = `To sign in to Folio with ${to}, confirm that this address is yours.`;
  const after = `The link works once, for the next ${minutes} minutes. If you did not ask for this, ignore this message: nothing changes.`;
  return {
    to,
    subject: "Confirm your email address for Folio",
    text: `${what}\n\nConfirm this address:\n${link}\n\n${after}\n`,
    html: `<p>${escapeHtml(what)}</p><p><a href="${escapeHtml(link)}">Confirm this address</a></p><p>${escapeHtml(after)}</p>`,
  };
}

/** The mail worker's part: a link to the pending address, if it is still the pending one. */
export async function deliverEmailConfirmation(job: { userId: string; email: string }): Promise<void> {
  const user = await prisma.user.findUnique({ where: { id: job.userId }, select: { pendingEmail: true } });
  if (!user || user.pendingEmail !== job.email) return;
  const raw = await issueEmailToken({ kind: "EMAIL_CHANGE", userId: job.userId, email: job.email });
  await deliverMail(confirmMessage(job.email, tokenLink("/confirm-email", raw)));
}
