import { z } from "zod";
import { checkPasswordPolicy } from "@/lib/auth/password";

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address.").max(320, "Use at most 320 characters."));

export type FieldErrors = Record<string, string>;

/** Field errors for a new password and its confirmation, all at once so a form can show them together. */
export async function newPasswordErrors(
  password: string,
  confirm: string,
  context: { email?: string | null; name?: string | null; passwordField: string },
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const problem = await checkPasswordPolicy(password, { email: context.email, name: context.name });
  if (problem) errors[context.passwordField] = problem;
  if (password !== confirm) errors.confirm = "The two passwords do not match.";
  return errors;
}
