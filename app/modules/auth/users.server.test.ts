import { prisma } from "~/utils/db.server.ts";
import { createMunicipality, createStaff } from "../../../tests/factories.ts";
import { authenticate, createStaffUser, ensureAdmin, updateStaffUser } from "./users.server.ts";
import { can } from "./roles.ts";

describe("staff accounts", () => {
  it("logs in with the right password only, whatever the case of the e-mail", async () => {
    const m = await createMunicipality();
    const user = await createStaff(m.id, "editor", "rigtig-adgangskode");
    expect(await authenticate({ email: user.email.toUpperCase(), password: "rigtig-adgangskode" })).toEqual({ ok: true, value: { id: user.id } });
    expect(await authenticate({ email: user.email, password: "forkert-adgangskode" })).toEqual({ ok: false, errors: { form: "login.invalid" } });
    expect(await authenticate({ email: "ingen@testby.dk", password: "rigtig-adgangskode" })).toEqual({ ok: false, errors: { form: "login.invalid" } });
  });

  it("a disabled user cannot log in", async () => {
    const m = await createMunicipality();
    const user = await createStaff(m.id, "editor", "rigtig-adgangskode");
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await authenticate({ email: user.email, password: "rigtig-adgangskode" })).ok).toBe(false);
  });

  it("stores passwords only as Argon2id hashes", async () => {
    const m = await createMunicipality();
    const result = await createStaffUser(
      { email: "ny@testby.dk", name: "Ny Redaktør", role: "editor", password: "en-lang-adgangskode" },
      m.id,
    );
    expect(result.ok).toBe(true);
    const row = await prisma.user.findUniqueOrThrow({ where: { email: "ny@testby.dk" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("en-lang-adgangskode");
  });

  it("refuses a duplicate e-mail, an unknown role and a short password", async () => {
    const m = await createMunicipality();
    const existing = await createStaff(m.id);
    const result = await createStaffUser({ email: existing.email, name: "X Y", role: "king", password: "kort" }, m.id);
    expect(result.ok ? null : result.errors).toMatchObject({ role: "validation.roleRequired", password: "validation.passwordTooShort" });
    const dup = await createStaffUser({ email: existing.email, name: "Xavier", role: "editor", password: "en-lang-adgangskode" }, m.id);
    expect(dup.ok ? null : dup.errors).toEqual({ email: "validation.emailTaken" });
  });

  it("the last active admin cannot be demoted or disabled, not even by themselves", async () => {
    const m = await createMunicipality();
    const admin = await createStaff(m.id, "admin");
    const actor = { id: admin.id, municipalityId: m.id };
    const result = await updateStaffUser(admin.id, { name: admin.name, role: "editor", active: "on" }, actor);
    expect(result.ok).toBe(false);
    const second = await createStaff(m.id, "admin");
    const demoteOther = await updateStaffUser(second.id, { name: second.name, role: "editor", active: "on" }, actor);
    expect(demoteOther.ok).toBe(true);
    const disableLast = await updateStaffUser(admin.id, { name: admin.name, role: "admin" }, { id: "someone-else", municipalityId: m.id });
    expect(disableLast.ok ? null : disableLast.errors.form).toBe("validation.lastAdmin");
  });

  it("disabling a user ends their sessions at once", async () => {
    const m = await createMunicipality();
    const admin = await createStaff(m.id, "admin");
    const editor = await createStaff(m.id, "editor");
    await prisma.session.create({ data: { userId: editor.id, expiresAt: new Date(Date.now() + 3600_000) } });
    await updateStaffUser(editor.id, { name: editor.name, role: "editor" }, { id: admin.id, municipalityId: m.id });
    expect(await prisma.session.count({ where: { userId: editor.id } })).toBe(0);
  });

  it("creates the first admin from the configuration only when there is none", async () => {
    const m = await createMunicipality();
    await prisma.user.updateMany({ where: { role: "admin" }, data: { disabledAt: new Date() } });
    expect(await ensureAdmin(m.id, "Chef@Testby.dk", "en-lang-adgangskode")).toBe(true);
    expect(await ensureAdmin(m.id, "chef@testby.dk", "en-lang-adgangskode")).toBe(false);
    expect((await authenticate({ email: "chef@testby.dk", password: "en-lang-adgangskode" })).ok).toBe(true);
  });

  it("only editors and admins write consultations; only admins manage users", () => {
    expect(["admin", "editor", "moderator", "politician"].filter((r) => can(r, "consultation:write"))).toEqual(["admin", "editor"]);
    expect(["admin", "editor", "moderator", "politician"].filter((r) => can(r, "users:manage"))).toEqual(["admin"]);
    expect(can("citizen", "admin:view")).toBe(false);
  });
});
