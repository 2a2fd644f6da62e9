import "server-only";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { isLoginThrottled, recordLoginFailure } from "@/lib/auth/login-throttle";

/**
 * Checks the password a signed-in person typed to confirm a change. Wrong guesses count
 * against the same per-account limit as sign-ins, so a borrowed session cannot guess freely.
 */
export async function confirmCurrentPassword(user: { email: string | null; passwordHash: string }, current: string | undefined): Promise<void> {
  const key = user.email ?? "";
  if (await isLoginThrottled(key, null)) {
    throw new AppError("RATE_LIMITED", "Too many wrong passwords. Wait 15 minutes and try again.");
  }
  if (!current || !(await verifyPassword(current, user.passwordHash))) {
    await recordLoginFailure(key, null);
    throw new AppError("BAD_INPUT", "Your current password is not right.", { fields: { current: "That is not your current password." } });
  }
}
