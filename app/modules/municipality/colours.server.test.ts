import { prisma } from "~/utils/db.server.ts";
import { createStaffSession } from "~/modules/auth/session.server.ts";
import * as settingsRoute from "~/routes/admin.settings.tsx";
import { createMunicipality, createStaff } from "../../../tests/factories.ts";
import { callRoute, formRequest } from "../../../tests/route-call.ts";
import { updateMunicipalitySettings } from "./municipality.server.ts";

const form = {
  name: "Testby Kommune",
  contactEmail: "",
  officeDays: ["1", "2", "3", "4", "5"],
  officeOpens: "09:00",
  officeCloses: "15:00",
  houseRules: "",
  retentionMonths: "24",
};

async function colours(id: string) {
  return prisma.municipality.findUniqueOrThrow({ where: { id }, select: { primaryColor: true, accentColor: true } });
}

describe("the municipality's colours", () => {
  it("a primary colour too light for white text is refused and nothing is stored", async () => {
    const m = await createMunicipality();
    const before = await prisma.municipality.findUniqueOrThrow({ where: { id: m.id } });
    const result = await updateMunicipalitySettings(m.id, { ...form, name: "Nyt navn", primaryColor: "#f6c453", accentColor: "#123456" });
    expect(result.ok ? null : result.errors).toEqual({ primaryColor: "settings.validation.primaryWhiteText" });
    // Not the colours, and not the other fields of the same form either.
    expect(await prisma.municipality.findUniqueOrThrow({ where: { id: m.id } })).toEqual(before);
  });

  it("a colour that is not a hex colour is refused, whatever it would do to the page", async () => {
    const m = await createMunicipality();
    const before = await colours(m.id);
    for (const bad of ["blue", "0b4f6c", "#0b4f6c;background:url(https://evil.example)", ""]) {
      const result = await updateMunicipalitySettings(m.id, { ...form, accentColor: bad });
      expect(result.ok ? null : result.errors.accentColor, bad).toBe("settings.validation.colourFormat");
    }
    expect(await colours(m.id)).toEqual(before);
  });

  it("good colours are stored in one spelling, and a form without them leaves them as they are", async () => {
    const m = await createMunicipality();
    expect((await updateMunicipalitySettings(m.id, { ...form, primaryColor: " #14532D ", accentColor: "#FC0" })).ok).toBe(true);
    expect(await colours(m.id)).toEqual({ primaryColor: "#14532d", accentColor: "#ffcc00" });
    expect((await updateMunicipalitySettings(m.id, form)).ok).toBe(true);
    expect(await colours(m.id)).toEqual({ primaryColor: "#14532d", accentColor: "#ffcc00" });
  });

  it("through the settings page: an admin gets the error back with what was typed, then saves; an editor may not", async () => {
    const m = await createMunicipality();
    const admin = await createStaff(m.id, "admin");
    const editor = await createStaff(m.id, "editor");
    const cookie = async (userId: string) => (await createStaffSession(userId, new Request("http://localhost/login"))).split(";")[0];
    const post = async (userId: string, fields: Record<string, string>) => {
      const body = new URLSearchParams({ ...form, officeDays: "1", ...fields });
      const request = formRequest("http://localhost/admin/settings", Object.fromEntries(body), { Cookie: await cookie(userId) });
      return callRoute(settingsRoute, "action", request);
    };
    const before = await colours(m.id);

    const refused = await post(admin.id, { primaryColor: "#dddddd", accentColor: "#f6c453" });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, errors: { primaryColor: "settings.validation.primaryWhiteText" }, values: { primaryColor: "#dddddd" } });
    expect(await colours(m.id)).toEqual(before);

    const byEditor = await post(editor.id, { primaryColor: "#14532d", accentColor: "#f6c453" });
    expect(byEditor.status).toBeGreaterThanOrEqual(300);
    expect(await colours(m.id)).toEqual(before);

    const saved = await post(admin.id, { primaryColor: "#14532d", accentColor: "#f6c453" });
    expect(saved.body).toMatchObject({ ok: true });
    expect(await colours(m.id)).toEqual({ primaryColor: "#14532d", accentColor: "#f6c453" });
  });
});
