import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/login-throttle";

export const credentialsSchema = z.object({
  email: z.email("Enter a valid email address.").transform((e) => e.trim().toLowerCase()),
  password: z.string().min(1, "Enter your password.").max(200),
});

export type SignedInUser = { id: string; role: "ADMIN" | "READER"; sessionVersion: number };

// Verifying against a real hash even when the account does not exist keeps the timing
// the same, so the response does not reveal whether an email is registered.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/**
 * Checks an email and password from `address` (lib/auth/client-address.ts). Returns the user,
 * or null (one answer for an unknown email and a wrong password), or throws
 * SignInThrottledError when a limit is reached. The attempt is reserved before the password is
 * hashed, so parallel guesses cannot all be checked.
 */
export async function verifyCredentials(input: unknown, address: string | null): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const reservation = await reserveSignInAttempt(email, address);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, sessionVersion: true, disabledAt: true },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  // A failure needs no further write: the reservation stays and counts.
  // A disabled account gets the same answer as a wrong password (lib/users/manage-person.ts).
  if (!user || !user.passwordHash || !ok || user.disabledAt) return null;
  await recordSignInSuccess(reservation);
  return { id: user.id, role: user.role, sessionVersion: user.sessionVersion };
}
