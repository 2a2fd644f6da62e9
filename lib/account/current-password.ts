import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { clientAddress } from "@/lib/auth/client-address";
import { recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/login-throttle";

async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null; // outside a request (the command line): the shared "unknown" address, stricter
  }
}

/**
 * Checks the password a signed-in person typed to confirm a change. Each try is reserved against
 * the same limits as a sign-in, so a borrowed session cannot guess freely.
 */
export async function confirmCurrentPassword(user: { email: string | null; passwordHash: string }, current: string | undefined): Promise<void> {
  const reservation = await reserveSignInAttempt(user.email ?? "", await requestAddress());
  if (!current || !(await verifyPassword(current, user.passwordHash))) {
    throw new AppError("BAD_INPUT", "Your current password is not right.", { fields: { current: "That is not your current password." } });
  }
  await recordSignInSuccess(reservation);
}
