import "server-only";
import { z } from "zod";
import { isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkPasswordPolicy, hashPassword } from "@/lib/auth/password";
import { createUserWithPublicId } from "@/lib/users/create-user";

export const createAdminSchema = z.object({
  email: z.email("Enter a valid email address.").transform((e) => e.trim().toLowerCase()),
  password: z.string(),
  name: z.string().trim().min(1).max(120).optional(),
});

/** Creates a store administrator with email and password. */
export async function createAdmin(input: z.input<typeof createAdminSchema>) {
  const { email, password, name } = createAdminSchema.parse(input);
  const problem = await checkPasswordPolicy(password, { email, name });
  if (problem) throw new AppError("BAD_INPUT", problem, { fields: { password: problem } });
  try {
    return await createUserWithPublicId({ email, name: name ?? email, role: "ADMIN", passwordHash: await hashPassword(password) });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `An account with ${email} already exists.`);
    throw error;
  }
}
