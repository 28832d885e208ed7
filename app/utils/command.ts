/**
 * The shape of every write: a command validates its input and answers either with a value or with
 * field errors. Errors are i18n keys, translated by the form that shows them.
 */
import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;
export type CommandResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** First message per field, which is what the form shows beside it. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
