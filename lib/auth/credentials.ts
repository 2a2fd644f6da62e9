import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from "@/lib/auth/login-throttle";

export const credentialsSchema = z.object({
  email: z.email("Enter a valid email address.").transform((e) => e.trim().toLowerCase()),
  password: z.string().min(1, "Enter your password.").max(200),
});

export type SignedInUser = { id: string; role: "ADMIN" | "READER"; sessionVersion: number };

// Verifying against a real hash even when the account does not exist keeps the timing
// the same, so the response does not reveal whether an email is registered.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/**
 * Checks an email and password. Returns the user, or throws AppError("RATE_LIMITED") when
 * too many attempts failed, or returns null (one message for unknown email and wrong password).
 */
export async function verifyCredentials(input: unknown, ip: string | null): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (await isLoginThrottled(email, ip)) {
    throw new AppError("RATE_LIMITED", "Too many failed attempts. Wait 15 minutes and try again.");
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, sessionVersion: true },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) {
    await recordLoginFailure(email, ip);
    return null;
  }
  await clearLoginFailures(email);
  return { id: user.id, role: user.role, sessionVersion: user.sessionVersion };
}
