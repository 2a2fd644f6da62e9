import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { createSessionCookie } from "@/lib/auth/session-cookie";
import { confirmCurrentPassword } from "@/lib/account/current-password";
import { newPasswordErrors } from "@/lib/account/credential-fields";

export const changePasswordSchema = z.object({
  userId: z.string().min(1),
  current: z.string(),
  next: z.string(),
  confirm: z.string(),
});

/**
 * Changes the signed-in person's password. Bumping sessionVersion ends every other session
 * (their tokens carry the old value); the returned cookie keeps this browser signed in.
 */
export async function changePassword(input: z.input<typeof changePasswordSchema>): Promise<{ sessionCookie: string }> {
  const { userId, current, next, confirm } = changePasswordSchema.parse(input);
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!user.passwordHash) throw new AppError("BAD_INPUT", "You have no password yet: add an email and a password first.");

  const fields = await newPasswordErrors(next, confirm, { email: user.email, name: user.name, passwordField: "next" });
  if (Object.keys(fields).length) throw new AppError("BAD_INPUT", "Check the highlighted fields.", { fields });
  await confirmCurrentPassword({ email: user.email, passwordHash: user.passwordHash }, current);
  if (next === current) {
    throw new AppError("BAD_INPUT", "Choose a password different from the current one.", { fields: { next: "Choose a different password." } });
  }

  const updated = await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(next), sessionVersion: { increment: 1 } },
    select: { id: true, role: true, sessionVersion: true },
  });
  return { sessionCookie: await createSessionCookie(updated) };
}
