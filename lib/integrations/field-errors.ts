import "server-only";
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";

export type FieldErrors = Record<string, string>;

/** One message per field (the first), from a ZodError; list items are named by their line. */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const [field, index] = issue.path;
    const key = typeof field === "string" ? field : "form";
    if (fields[key]) continue;
    fields[key] = typeof index === "number" ? `Line ${index + 1}: ${issue.message}` : issue.message;
  }
  return fields;
}

/**
 * What a form shows for a failed save: a sentence and per-field messages. Anything that is not
 * a validation or application error is rethrown (it is a bug, and Next shows its error page).
 */
export function formErrorFrom(error: unknown): { message: string; fields: FieldErrors } {
  if (error instanceof ZodError) {
    return { message: "Some values need attention.", fields: fieldErrorsFromZod(error) };
  }
  if (isAppError(error)) return { message: error.message, fields: error.fields ?? {} };
  throw error;
}
