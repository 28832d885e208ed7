/** What an admin may change about the municipality. Messages are i18n keys in `admin`. */
import { z } from "zod";
import { colourProblem, type ColourField } from "./colour-rules.ts";
import { normaliseHexColour } from "./contrast.ts";

const time = z.string({ message: "settings.validation.time" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "settings.validation.time");

/**
 * A colour as "#rrggbb", refused with the message of colour-rules.ts when it is not a hex colour
 * or too low in contrast where the site uses it. Left out of a submission, it stays as it is.
 */
const colour = (field: ColourField) =>
  z
    .string({ message: "settings.validation.colourFormat" })
    .transform((value, ctx) => {
      const problem = colourProblem(field, value);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem.key });
        return z.NEVER;
      }
      return normaliseHexColour(value)!;
    })
    .optional();

export const municipalitySettingsInput = z
  .object({
    name: z
      .string({ message: "settings.validation.name" })
      .trim()
      .pipe(z.string().min(2, "settings.validation.name").max(120, "settings.validation.name")),
    contactEmail: z
      .string({ message: "settings.validation.email" })
      .trim()
      .toLowerCase()
      .transform((v) => v || null)
      .pipe(z.email("settings.validation.email").max(254, "settings.validation.email").nullable()),
    officeDays: z
      .array(z.enum(["1", "2", "3", "4", "5", "6", "7"], { message: "settings.validation.days" }))
      .min(1, "settings.validation.days")
      .transform((days) => [...new Set(days)].sort().join(",")),
    officeOpens: time,
    officeCloses: time,
    houseRules: z
      .string({ message: "settings.validation.rulesTooLong" })
      .transform((v) => v.replace(/\r\n/g, "\n").trim())
      .pipe(z.string().max(5000, "settings.validation.rulesTooLong"))
      .transform((v) => v || null),
    retentionMonths: z.coerce
      .number({ message: "settings.validation.retention" })
      .int("settings.validation.retention")
      .min(1, "settings.validation.retention")
      .max(60, "settings.validation.retention"),
    primaryColor: colour("primaryColor"),
    accentColor: colour("accentColor"),
  })
  .refine((v) => v.officeOpens < v.officeCloses, { path: ["officeCloses"], message: "settings.validation.closesBeforeOpens" });
