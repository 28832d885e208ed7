import { prisma } from "~/utils/db.server.ts";
import { subscribe } from "~/modules/domain-events.server.ts";
import { createConsultation as insertConsultation, createMunicipality, createStaff, validConsultationForm } from "../../../tests/factories.ts";
import {
  advanceLifecycle,
  applyLifecycleAction,
  createConsultation,
  getPublicConsultation,
  listPublicConsultations,
  resolveJoinCode,
  updateConsultation,
} from "./consultations.server.ts";

const promise = (kind: string) => `Standardløfte for ${kind}`;

async function setup() {
  const municipality = await createMunicipality();
  const editor = await createStaff(municipality.id, "editor");
  return { municipality, actor: { id: editor.id, municipalityId: municipality.id } };
}

describe("creating and editing consultations", () => {
  it("an invalid form stores nothing and says what is wrong with each field", async () => {
    const { municipality, actor } = await setup();
    const result = await createConsultation(
      validConsultationForm({ kind: "referendum", title: "Ny", closesAt: "2030-02-01T12:00", expectedDecisionAt: "" }),
      actor,
      promise,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      kind: "validation.kindRequired",
      title: "validation.titleTooShort",
      expectedDecisionAt: "validation.dateRequired",
    });
    expect(await prisma.consultation.count({ where: { municipalityId: municipality.id } })).toBe(0);
  });

  it("a closing time before the opening time is refused", async () => {
    const { actor } = await setup();
    const result = await createConsultation(validConsultationForm({ closesAt: "2030-02-01T12:00" }), actor, promise);
    expect(result.ok ? null : result.errors.closesAt).toBe("validation.closesBeforeOpens");
  });

  it("a new consultation is a private draft with a readable slug, a join code and the kind's promise", async () => {
    const { actor } = await setup();
    const result = await createConsultation(validConsultationForm(), actor, promise);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = await prisma.consultation.findUniqueOrThrow({ where: { id: result.value.id } });
    expect(row.status).toBe("draft");
    expect(row.slug).toMatch(/^ny-cykelsti-ved-skolen/);
    expect(row.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(row.promise).toBe("Standardløfte for hearing");
    expect(row.opensAt.toISOString()).toBe("2030-03-01T08:00:00.000Z");
    expect(await getPublicConsultation(row.slug)).toBeNull();
    expect(await resolveJoinCode(row.joinCode)).toBeNull();
  });

  it("two consultations with the same title get different slugs", async () => {
    const { actor } = await setup();
    const a = await createConsultation(validConsultationForm({ title: "Samme titel igen" }), actor, promise);
    const b = await createConsultation(validConsultationForm({ title: "Samme titel igen" }), actor, promise);
    expect(a.ok && b.ok && a.value.slug !== b.value.slug).toBe(true);
  });

  it("the kind cannot change once citizens could answer, and a failed edit changes nothing", async () => {
    const { municipality, actor } = await setup();
    const open = await insertConsultation(municipality.id, { status: "open", kind: "hearing" });
    const result = await updateConsultation(open.id, validConsultationForm({ kind: "decision", title: "Ændret titel" }), actor, promise);
    expect(result.ok ? null : result.errors.kind).toBe("validation.kindLocked");
    const after = await prisma.consultation.findUniqueOrThrow({ where: { id: open.id } });
    expect(after.title).toBe(open.title);
    expect(after.kind).toBe("hearing");
  });

  it("staff of another municipality cannot edit or publish it", async () => {
    const { municipality } = await setup();
    const other = await setup();
    const c = await insertConsultation(municipality.id, { status: "draft" });
    expect((await updateConsultation(c.id, validConsultationForm(), other.actor, promise)).ok).toBe(false);
    expect((await applyLifecycleAction(c.id, "publish", other.actor)).ok).toBe(false);
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("draft");
  });
});

describe("the lifecycle", () => {
  it("publishing makes a draft public and reachable from its join code, and tells open pages", async () => {
    const { municipality, actor } = await setup();
    const c = await insertConsultation(municipality.id, { status: "draft" });
    const events: string[] = [];
    const off = subscribe("consultation.statusChanged", (e) => events.push(`${e.from}→${e.to}`));
    const result = await applyLifecycleAction(c.id, "publish", actor);
    off();
    expect(result).toEqual({ ok: true, value: { status: "open" } });
    expect(events).toEqual(["draft→open"]);
    expect(await resolveJoinCode(c.joinCode.toLowerCase())).toBe(c.slug);
    expect((await getPublicConsultation(c.slug))?.status).toBe("open");
  });

  it("an action the status does not allow is refused and changes nothing", async () => {
    const { municipality, actor } = await setup();
    const c = await insertConsultation(municipality.id, { status: "draft" });
    expect((await applyLifecycleAction(c.id, "archive", actor)).ok).toBe(false);
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("draft");
  });

  it("closing early moves the closing time to now, so the page shows the real close", async () => {
    const { municipality, actor } = await setup();
    const c = await insertConsultation(municipality.id, { status: "open" });
    const now = new Date();
    await applyLifecycleAction(c.id, "close", actor, now);
    const after = await prisma.consultation.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.status).toBe("closed");
    expect(after.closesAt.getTime()).toBe(now.getTime());
  });

  it("the ticker opens and closes consultations at their dates", async () => {
    const { municipality } = await setup();
    const now = new Date();
    const hour = 3600 * 1000;
    const due = await insertConsultation(municipality.id, { status: "scheduled", opensAt: new Date(now.getTime() - hour) });
    const ended = await insertConsultation(municipality.id, { status: "open", closesAt: new Date(now.getTime() - hour) });
    const future = await insertConsultation(municipality.id, { status: "scheduled", opensAt: new Date(now.getTime() + hour) });
    const changed = await advanceLifecycle(now);
    expect(changed.map((c) => [c.consultationId, c.to])).toEqual(
      expect.arrayContaining([
        [due.id, "open"],
        [ended.id, "closed"],
      ]),
    );
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: future.id } })).status).toBe("scheduled");
    expect(await advanceLifecycle(now)).toEqual([]);
  });

  it("the home page groups consultations and never lists drafts", async () => {
    const { municipality } = await setup();
    const day = 24 * 3600 * 1000;
    const now = new Date();
    await insertConsultation(municipality.id, { status: "draft", title: "Hemmelig kladde" });
    await insertConsultation(municipality.id, { status: "open", title: "Åben sag" });
    await insertConsultation(municipality.id, {
      status: "closed",
      title: "Forsinket sag",
      closesAt: new Date(now.getTime() - 10 * day),
      expectedDecisionAt: new Date(now.getTime() - day),
    });
    const lists = await listPublicConsultations(municipality.id, now);
    const titles = Object.values(lists).flat().map((c) => c.title);
    expect(titles).not.toContain("Hemmelig kladde");
    expect(lists.open.map((c) => c.title)).toEqual(["Åben sag"]);
    expect(lists.awaitingDecision[0]).toMatchObject({ title: "Forsinket sag", overdue: true });
  });
});
