/**
 * What a politician may ask for and what staff may hand back as a draft post (the Odense model).
 * Messages are i18n keys in the `postDrafts` namespace. This file is also imported by the page,
 * so it holds the shared vocabulary (topics, card formats, checklist) and nothing server-only.
 */
import { z } from "zod";
import { fieldErrors, type FieldErrors } from "~/utils/command.ts";
import type { Language } from "~/i18n/config.ts";

export const postDraftTopics = ["consultation", "outcome"] as const;
export type PostDraftTopic = (typeof postDraftTopics)[number];

export const postDraftStatuses = ["requested", "drafted", "withdrawn"] as const;
export type PostDraftStatus = (typeof postDraftStatuses)[number];

/** The share cards a draft can carry, with the pixel sizes the card routes render. */
export const cardFormats = {
  story: { width: 1080, height: 1920 },
  post: { width: 1080, height: 1350 },
  og: { width: 1200, height: 630 },
} as const;
export type CardFormat = keyof typeof cardFormats;
const cardFormatNames = Object.keys(cardFormats) as [CardFormat, ...CardFormat[]];

export function isCardFormat(value: unknown): value is CardFormat {
  return typeof value === "string" && Object.hasOwn(cardFormats, value);
}

/** The card is rendered by the public card routes; the language is chosen by ?lng=. */
export function cardUrl(slug: string, format: CardFormat, lng: Language) {
  return `/cards/c/${encodeURIComponent(slug)}/${format}.png?lng=${lng}`;
}

/**
 * Every item must be confirmed before a draft goes back. Staff write for a politician's private
 * profile with public time, so the draft has to stay within what any municipal text may say.
 */
export const neutralityChecklist = ["facts", "nonPartisan", "noAttacks"] as const;
export type NeutralityItem = (typeof neutralityChecklist)[number];

export const requestLimits = { min: 10, max: 2000 } as const;
export const draftLimits = { min: 10, max: 3000 } as const;

// Browsers send line breaks in a textarea as CRLF; counting them as one character keeps the limit
// the same as the one the writer sees while typing.
const normalized = (v: string) => v.replace(/\r\n?/g, "\n").trim();

const requestFields = z.object({
  consultationId: z
    .string({ message: "validation.consultationRequired" })
    .trim()
    .min(1, "validation.consultationRequired")
    .max(100, "validation.consultationRequired"),
  topic: z.enum(postDraftTopics, { message: "validation.topicRequired" }),
  request: z
    .string({ message: "validation.requestTooShort" })
    .transform(normalized)
    .pipe(
      z
        .string()
        .min(requestLimits.min, "validation.requestTooShort")
        .max(requestLimits.max, "validation.requestTooLong"),
    ),
});

export type PostDraftRequestInput = z.infer<typeof requestFields>;

const draftFields = z.object({
  draftText: z
    .string({ message: "validation.draftTooShort" })
    .transform(normalized)
    .pipe(z.string().min(draftLimits.min, "validation.draftTooShort").max(draftLimits.max, "validation.draftTooLong")),
  cardFormat: z.enum(cardFormatNames, { message: "validation.cardFormatRequired" }),
  // The ticked items, as a form posts them: one value per ticked checkbox.
  neutrality: z
    .array(z.string(), { message: "validation.checklistIncomplete" })
    .refine((ticked) => neutralityChecklist.every((item) => ticked.includes(item)), "validation.checklistIncomplete"),
});

export type PostDraftInput = z.infer<typeof draftFields>;

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parsePostDraftRequest(input: Record<string, unknown>): Parsed<PostDraftRequestInput> {
  const parsed = requestFields.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export function parsePostDraft(input: Record<string, unknown>): Parsed<PostDraftInput> {
  const parsed = draftFields.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}
