/**
 * What staff may write into a consultation. Messages are i18n keys in the `admin` namespace, so the
 * form shows them in the editor's language.
 */
import { z } from "zod";
import { parseLocalDateTime } from "~/utils/time.ts";
import { consultationKinds } from "./kinds.ts";
import { fieldErrors, type FieldErrors } from "~/utils/command.ts";

const text = (min: number, max: number, tooShort: string, tooLong: string) =>
  z
    .string({ message: tooShort })
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().min(min, tooShort).max(max, tooLong));

const localDateTime = z
  .string({ message: "validation.dateRequired" })
  .min(1, "validation.dateRequired")
  .transform((value, ctx) => {
    const date = parseLocalDateTime(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "validation.dateInvalid" });
      return z.NEVER;
    }
    return date;
  });

const consultationFields = z.object({
    kind: z.enum(consultationKinds, { message: "validation.kindRequired" }),
    title: text(5, 140, "validation.titleTooShort", "validation.titleTooLong"),
    summary: text(20, 300, "validation.summaryTooShort", "validation.summaryTooLong"),
    body: text(0, 20000, "validation.bodyTooLong", "validation.bodyTooLong"),
    promise: text(0, 1000, "validation.promiseTooLong", "validation.promiseTooLong"),
    decidedBy: text(2, 120, "validation.decidedByRequired", "validation.decidedByTooLong"),
    opensAt: localDateTime,
    closesAt: localDateTime,
    expectedDecisionAt: localDateTime,
    /** A checkbox: "on" means citizens can discuss; anything else (even a file) means off. */
    discussionEnabled: z.unknown().optional().transform((v) => v === "on"),
});

export type ConsultationInput = z.infer<typeof consultationFields>;

/**
 * Parses a submitted consultation. The order of the dates is checked whenever the dates
 * themselves are valid, even if other fields are wrong, so the editor sees every problem at once.
 */
export function parseConsultation(input: Record<string, unknown>): { ok: true; data: ConsultationInput } | { ok: false; errors: FieldErrors } {
  const parsed = consultationFields.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const dates = z.object({ opensAt: localDateTime, closesAt: localDateTime, expectedDecisionAt: localDateTime }).safeParse(input);
  if (dates.success) {
    const { opensAt, closesAt, expectedDecisionAt } = dates.data;
    if (closesAt <= opensAt) errors.closesAt ??= "validation.closesBeforeOpens";
    if (expectedDecisionAt < closesAt) errors.expectedDecisionAt ??= "validation.decisionBeforeClose";
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, data: parsed.data };
  return { ok: false, errors };
}
