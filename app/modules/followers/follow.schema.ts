/**
 * What it takes to follow a consultation: an e-mail address and an explicit yes. Messages are i18n
 * keys in the `follow` namespace.
 */
import { z } from "zod";
import { fieldErrors, type FieldErrors } from "~/utils/command.ts";
import { fallbackLanguage, isLanguage, type Language } from "~/i18n/config.ts";

/** Addresses are kept in lower case, so one person typing Anna@ and anna@ follows once. */
export const followerEmail = z
  .string({ message: "validation.emailInvalid" })
  .trim()
  .toLowerCase()
  .pipe(z.email("validation.emailInvalid").max(254, "validation.emailInvalid"));

const followFields = z.object({
  email: followerEmail,
  // A checkbox sends "on" when ticked and nothing otherwise; consent is never assumed.
  consent: z.literal("on", { message: "validation.consentRequired" }),
});

export type FollowInput = { email: string; locale: Language };

export function parseFollow(input: Record<string, unknown>, pageLanguage: Language): { ok: true; data: FollowInput } | { ok: false; errors: FieldErrors } {
  const parsed = followFields.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, data: { email: parsed.data.email, locale: followLocale(input.locale, pageLanguage) } };
}

/** The language the form was shown in, which is the language of every e-mail to this follower. */
export function followLocale(value: unknown, pageLanguage: Language = fallbackLanguage): Language {
  return isLanguage(value) ? value : pageLanguage;
}

/**
 * "Tell me the outcome" beside a comment: when the box is ticked the address must be valid; when it
 * is not, whatever is in the field is ignored (without JavaScript the field is always there).
 */
export function parseOutcomeOptIn(input: Record<string, unknown>): { ok: true; email: string | null } | { ok: false; error: string } {
  if (input.followOutcome !== "on") return { ok: true, email: null };
  const parsed = followerEmail.safeParse(input.followEmail ?? "");
  return parsed.success ? { ok: true, email: parsed.data } : { ok: false, error: "validation.emailInvalid" };
}
