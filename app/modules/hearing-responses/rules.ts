/**
 * The rules of a hearing response that the browser needs too: the publication choices, the limits
 * and the refusals that are about the hearing rather than the form. Free of zod and of the server,
 * so the form page does not carry either to a phone.
 */
export const publicationChoices = ["named", "anonymous", "private"] as const;
export type Publication = (typeof publicationChoices)[number];

export function isPublication(value: unknown): value is Publication {
  return typeof value === "string" && (publicationChoices as readonly string[]).includes(value);
}

export const maxBodyLength = 20_000;
export const maxAttachmentBytes = 10 * 1024 * 1024;

/** Form errors that are about the hearing, not about what was typed; the form page shows them apart. */
export const submitErrors = {
  notHearing: "validation.notHearing",
  notOpenYet: "validation.notOpenYet",
  closed: "validation.closed",
} as const;
