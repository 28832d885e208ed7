import { prisma } from "~/utils/db.server.ts";
import { createMunicipality } from "../../../tests/factories.ts";
import { getPopulation, updatePopulation } from "./population.server.ts";

const valid = {
  "residents-13-17": "3712",
  "residents-18-24": "4 389",
  "residents-25-39": "9874",
  "residents-40-64": "20\u00a0416",
  "residents-65+": "13603",
};

describe("residents per age group", () => {
  it("an admin's figures replace the five groups, thousands spaces and all", async () => {
    const m = await createMunicipality();
    expect(await getPopulation(m.id)).toBeNull();
    expect((await updatePopulation(m.id, valid)).ok).toBe(true);
    expect(await getPopulation(m.id)).toEqual({ "13-17": 3712, "18-24": 4389, "25-39": 9874, "40-64": 20416, "65+": 13603 });
    await updatePopulation(m.id, { ...valid, "residents-65+": "0" });
    expect(await prisma.populationGroup.count({ where: { municipalityId: m.id } })).toBe(5);
    expect((await getPopulation(m.id))!["65+"]).toBe(0);
  });

  it("bad figures are refused with a message per field and change nothing", async () => {
    const m = await createMunicipality();
    await updatePopulation(m.id, valid);
    const before = await prisma.populationGroup.findMany({ where: { municipalityId: m.id }, orderBy: { ageGroup: "asc" } });
    const result = await updatePopulation(m.id, {
      ...valid,
      "residents-13-17": "-5",
      "residents-18-24": "4.389",
      "residents-25-39": "",
      "residents-40-64": "10000001",
      "residents-65+": "mange",
    });
    expect(result.ok ? null : result.errors).toEqual({
      "residents-13-17": "settings.validation.residents",
      "residents-18-24": "settings.validation.residents",
      "residents-25-39": "settings.validation.residents",
      "residents-40-64": "settings.validation.residents",
      "residents-65+": "settings.validation.residents",
    });
    // One bad field is enough to keep all five as they were.
    const oneBad = await updatePopulation(m.id, { ...valid, "residents-13-17": "99", "residents-65+": "1,5" });
    expect(oneBad.ok).toBe(false);
    const missing = await updatePopulation(m.id, { "residents-13-17": "1" });
    expect(missing.ok ? null : Object.keys(missing.errors)).toEqual(["residents-18-24", "residents-25-39", "residents-40-64", "residents-65+"]);
    expect(await prisma.populationGroup.findMany({ where: { municipalityId: m.id }, orderBy: { ageGroup: "asc" } })).toEqual(before);
  });

  it("the limits are whole numbers from 0 to 10,000,000", async () => {
    const m = await createMunicipality();
    expect((await updatePopulation(m.id, { ...valid, "residents-13-17": "0", "residents-65+": "10000000" })).ok).toBe(true);
    expect((await updatePopulation(m.id, { ...valid, "residents-13-17": "12.5" })).ok).toBe(false);
  });

  it("one municipality's figures are its own", async () => {
    const a = await createMunicipality();
    const b = await createMunicipality();
    await updatePopulation(a.id, valid);
    expect(await getPopulation(b.id)).toBeNull();
  });
});
