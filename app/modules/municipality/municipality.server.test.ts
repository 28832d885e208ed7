import { prisma } from "~/utils/db.server.ts";
import { createMunicipality } from "../../../tests/factories.ts";
import { updateMunicipalitySettings } from "./municipality.server.ts";
import { officeHours } from "./office-hours.ts";

const valid = {
  name: "Testby Kommune",
  contactEmail: "Post@Testby.dk",
  officeDays: ["5", "1", "3"],
  officeOpens: "08:30",
  officeCloses: "14:00",
  houseRules: "1. Hold dig til emnet\r\n2. Tal pænt",
  retentionMonths: "12",
};

describe("municipality settings", () => {
  it("an admin's settings are saved as the pages will show them", async () => {
    const m = await createMunicipality();
    expect((await updateMunicipalitySettings(m.id, valid)).ok).toBe(true);
    const saved = await prisma.municipality.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved).toMatchObject({ contactEmail: "post@testby.dk", officeDays: "1,3,5", houseRules: "1. Hold dig til emnet\n2. Tal pænt", retentionMonths: 12 });
    expect(officeHours(saved)).toEqual({ days: [1, 3, 5], opens: "08:30", closes: "14:00" });
  });

  it("empty house rules mean the default rules, and an empty contact address is allowed", async () => {
    const m = await createMunicipality();
    await updateMunicipalitySettings(m.id, { ...valid, houseRules: "  ", contactEmail: "" });
    expect(await prisma.municipality.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ houseRules: null, contactEmail: null });
  });

  it("bad settings are refused with a message per field and change nothing", async () => {
    const m = await createMunicipality();
    const before = await prisma.municipality.findUniqueOrThrow({ where: { id: m.id } });
    const result = await updateMunicipalitySettings(m.id, { ...valid, officeDays: [], officeOpens: "25:00", retentionMonths: "0", contactEmail: "ikke en adresse" });
    expect(result.ok ? null : result.errors).toMatchObject({
      officeDays: "settings.validation.days",
      officeOpens: "settings.validation.time",
      retentionMonths: "settings.validation.retention",
      contactEmail: "settings.validation.email",
    });
    const closesFirst = await updateMunicipalitySettings(m.id, { ...valid, officeOpens: "15:00", officeCloses: "09:00" });
    expect(closesFirst.ok ? null : closesFirst.errors.officeCloses).toBe("settings.validation.closesBeforeOpens");
    expect(await prisma.municipality.findUniqueOrThrow({ where: { id: m.id } })).toEqual(before);
  });
});
