/** Small builders for integration tests: real rows in the test file's own database. */
import { prisma } from "~/utils/db.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { generateJoinCode } from "~/modules/consultations/join-code.ts";

let counter = 0;

export async function createMunicipality() {
  counter++;
  return prisma.municipality.create({
    data: { slug: `test-${counter}-${Date.now()}`, name: `Testby Kommune ${counter}` },
  });
}

export async function createStaff(municipalityId: string, role = "editor", password = "korrekt-hest-batteri") {
  counter++;
  return prisma.user.create({
    data: {
      municipalityId,
      role,
      email: `staff${counter}-${Date.now()}@testby.dk`,
      name: `Medarbejder ${counter}`,
      passwordHash: await hashPassword(password),
    },
  });
}

const day = 24 * 3600 * 1000;

export async function createConsultation(
  municipalityId: string,
  overrides: Partial<{ status: string; kind: string; opensAt: Date; closesAt: Date; expectedDecisionAt: Date; title: string }> = {},
) {
  counter++;
  const now = Date.now();
  return prisma.consultation.create({
    data: {
      municipalityId,
      slug: `sag-${counter}-${now}`,
      joinCode: generateJoinCode(8),
      kind: "hearing",
      status: "open",
      title: `Høring nummer ${counter}`,
      summary: "Et konkret forslag, som borgerne kan svare på.",
      body: "Første afsnit.\n\nAndet afsnit.",
      promise: "Alle svar bliver læst.",
      decidedBy: "Byrådet",
      opensAt: new Date(now - day),
      closesAt: new Date(now + 7 * day),
      expectedDecisionAt: new Date(now + 30 * day),
      ...overrides,
    },
  });
}

/** What a form would post for a valid consultation, in Danish wall-clock time. */
export function validConsultationForm(overrides: Record<string, string> = {}) {
  return {
    kind: "hearing",
    title: "Ny cykelsti ved skolen",
    summary: "Vi foreslår en cykelsti langs Skolevej, så børnene kan cykle sikkert i skole.",
    body: "Forslaget kort.\n\nDet ligger fast.",
    promise: "",
    decidedBy: "Teknik- og Miljøudvalget",
    opensAt: "2030-03-01T09:00",
    closesAt: "2030-03-31T12:00",
    expectedDecisionAt: "2030-05-01T12:00",
    ...overrides,
  };
}
