/**
 * The municipality that runs this installation: its name, colours, logo, house rules and office
 * hours appear on every page.
 */
import { prisma } from "~/utils/db.server.ts";
import { fieldErrors, type CommandResult } from "~/utils/command.ts";
import { municipalitySettingsInput } from "./municipality.schema.ts";

export const municipalitySelect = {
  id: true,
  slug: true,
  name: true,
  logoPath: true,
  primaryColor: true,
  accentColor: true,
  houseRules: true,
  officeDays: true,
  officeOpens: true,
  officeCloses: true,
  contactEmail: true,
  retentionMonths: true,
} as const;

export async function getMunicipality() {
  const municipality = await prisma.municipality.findFirst({
    select: municipalitySelect,
    orderBy: { createdAt: "asc" },
  });
  if (!municipality) throw new Error("No municipality: the database has not been seeded");
  return municipality;
}

export type PublicMunicipality = Awaited<ReturnType<typeof getMunicipality>>;

/** Saves the admin's settings; an invalid submission changes nothing. */
export async function updateMunicipalitySettings(
  municipalityId: string,
  input: { [key: string]: unknown; officeDays: unknown[] },
): Promise<CommandResult<{ id: string }>> {
  const parsed = municipalitySettingsInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  await prisma.municipality.update({ where: { id: municipalityId }, data: parsed.data });
  return { ok: true, value: { id: municipalityId } };
}
