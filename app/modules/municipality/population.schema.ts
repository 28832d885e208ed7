/**
 * The municipality's residents per age group, as an admin types them from Danmarks Statistik's
 * tables. Messages are i18n keys in `admin`.
 */
import { z } from "zod";
import { ageGroups, type AgeGroup } from "~/modules/polls/poll-types.ts";

export const maxResidents = 10_000_000;

/** The form field of one age group, e.g. `residents-13-17`. */
export function residentsField(group: AgeGroup) {
  return `residents-${group}`;
}

// Spaces are allowed as thousands separators ("20 416"), since that is how the statistics print;
// dots and commas are not, because "3.712" is a thousand times apart in Danish and English.
const residents = z
  .string({ message: "settings.validation.residents" })
  .transform((v) => v.replace(/[\s\u00a0\u202f]/g, ""))
  .pipe(z.string().regex(/^\d{1,8}$/, "settings.validation.residents"))
  .transform(Number)
  .pipe(z.number().int().min(0).max(maxResidents, "settings.validation.residents"));

export const populationInput = z.object(
  Object.fromEntries(ageGroups.map((g) => [residentsField(g), residents])) as Record<string, typeof residents>,
);

export function parsePopulation(input: Record<string, unknown>) {
  const parsed = populationInput.safeParse(input);
  if (!parsed.success) return { ok: false as const, error: parsed.error };
  const values = Object.fromEntries(ageGroups.map((g) => [g, parsed.data[residentsField(g)]])) as Record<AgeGroup, number>;
  return { ok: true as const, values };
}
