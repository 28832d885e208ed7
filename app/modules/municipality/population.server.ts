/**
 * The municipality's residents per age group: what the council compares the people who took part
 * with, so a loud group is seen for its size. Entered by an admin, seeded for the demo.
 */
import { prisma } from "~/utils/db.server.ts";
import { fieldErrors, type CommandResult } from "~/utils/command.ts";
import { ageGroups, type AgeGroup } from "~/modules/polls/poll-types.ts";
import { parsePopulation } from "./population.schema.ts";

/** Residents per age group, or null when none are entered (a group without a row reads as 0). */
export async function getPopulation(municipalityId: string): Promise<Record<AgeGroup, number> | null> {
  const rows = await prisma.populationGroup.findMany({ where: { municipalityId }, select: { ageGroup: true, residents: true } });
  if (rows.length === 0) return null;
  const byGroup = new Map(rows.map((r) => [r.ageGroup, r.residents]));
  return Object.fromEntries(ageGroups.map((g) => [g, byGroup.get(g) ?? 0])) as Record<AgeGroup, number>;
}

/** Saves all five groups at once; an invalid submission changes nothing. */
export async function updatePopulation(municipalityId: string, input: Record<string, unknown>): Promise<CommandResult<Record<AgeGroup, number>>> {
  const parsed = parsePopulation(input);
  if (!parsed.ok) return { ok: false, errors: fieldErrors(parsed.error) };
  // Replaced as a whole, so the chart never compares against a mix of old and new figures.
  await prisma.$transaction([
    prisma.populationGroup.deleteMany({ where: { municipalityId } }),
    prisma.populationGroup.createMany({ data: ageGroups.map((ageGroup) => ({ municipalityId, ageGroup, residents: parsed.values[ageGroup] })) }),
  ]);
  return { ok: true, value: parsed.values };
}
