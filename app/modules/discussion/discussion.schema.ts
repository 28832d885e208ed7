/** What a citizen or staff member may post. Messages are i18n keys in the `discussion` namespace. */
import { z } from "zod";

export const maxCommentLength = 5000;

export const commentInput = z.object({
  body: z
    .string({ message: "validation.bodyRequired" })
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().min(1, "validation.bodyRequired").max(maxCommentLength, "validation.bodyTooLong")),
  displayName: z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/\s+/g, " ").trim())
    .pipe(z.string().max(60, "validation.nameTooLong")),
  acceptRules: z.string().optional(),
  /** Made by the browser (or the form) once per post, so a retried post is stored once. */
  clientId: z.string({ message: "validation.invalid" }).regex(/^[A-Za-z0-9_-]{8,64}$/, "validation.invalid"),
  parentId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.string().regex(/^[a-z0-9]{8,40}$/, "validation.invalid").nullable()),
});

export type CommentInput = z.infer<typeof commentInput>;

export const reportInput = z.object({
  rule: z.coerce.number({ message: "validation.ruleRequired" }).int("validation.ruleRequired"),
});
