/**
 * What a citizen may send as a formal hearing response. Messages are i18n keys in the `hearing`
 * namespace, so the form shows them in the reader's language.
 */
import { z } from "zod";
import { fieldErrors, type FieldErrors } from "~/utils/command.ts";
import { maxBodyLength, publicationChoices } from "./rules.ts";

// Browsers send line breaks in a textarea as CRLF; counting them as one character keeps the limit
// the same as the one the author sees while typing.
const normalized = (v: string) => v.replace(/\r\n?/g, "\n").trim();

const hearingResponseFields = z.object({
  name: z
    .string({ message: "validation.nameRequired" })
    .transform(normalized)
    .pipe(z.string().min(1, "validation.nameRequired").max(200, "validation.nameTooLong")),
  email: z
    .string({ message: "validation.emailInvalid" })
    .trim()
    .pipe(z.email("validation.emailInvalid").max(254, "validation.emailInvalid")),
  organisation: z
    .string()
    .optional()
    .transform((v) => normalized(v ?? ""))
    .pipe(z.string().max(200, "validation.organisationTooLong"))
    .transform((v) => (v ? v : null)),
  body: z
    .string({ message: "validation.bodyRequired" })
    .transform(normalized)
    .pipe(z.string().min(1, "validation.bodyRequired").max(maxBodyLength, "validation.bodyTooLong")),
  publication: z.enum(publicationChoices, { message: "validation.publicationRequired" }),
});

export type HearingResponseInput = z.infer<typeof hearingResponseFields>;

export function parseHearingResponse(
  input: Record<string, unknown>,
): { ok: true; data: HearingResponseInput } | { ok: false; errors: FieldErrors } {
  const parsed = hearingResponseFields.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}
