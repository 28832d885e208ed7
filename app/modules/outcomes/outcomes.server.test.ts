import crypto from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { subscribe } from "~/modules/domain-events.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { getOutcomeForEditor, publishOutcome, saveOutcomeDraft } from "./outcomes.server.ts";
import { localDayAndHour, sendOverdueReminders } from "./overdue.server.ts";

const day = 24 * 3600 * 1000;
const origin = "https://raadslag.testby.dk";

async function closedConsultation(overrides: Parameters<typeof createConsultation>[1] = {}) {
  const m = await createMunicipality();
  const user = await createStaff(m.id, "editor");
  const editor = { id: user.id, municipalityId: m.id };
  const c = await createConsultation(m.id, {
    status: "closed",
    opensAt: new Date(Date.now() - 20 * day),
    closesAt: new Date(Date.now() - 2 * day),
    expectedDecisionAt: new Date(Date.now() + 10 * day),
    title: "Cykelsti på Skolevej",
    ...overrides,
  });
  return { m, user, editor, c };
}

async function follower(consultationId: string, email: string, locale: "da" | "en", confirmed: boolean) {
  return prisma.follower.create({
    data: { consultationId, email, locale, consentAt: new Date(), confirmedAt: confirmed ? new Date() : null, token: crypto.randomBytes(16).toString("hex") },
  });
}

/** A citizen's published comment, as the discussion stores it. */
async function citizenComment(consultationId: string, body: string) {
  const participant = await prisma.participant.create({ data: { displayName: "Borger" } });
  return prisma.comment.create({ data: { consultationId, participantId: participant.id, authorName: "Borger", body, clientId: crypto.randomUUID() } });
}

const report = {
  decision: "Teknik- og Miljøudvalget besluttede at anlægge cykelstien i 2027, med lys hele vejen.",
  "points.0.youSaid": "Mange ønskede lys på stien",
  "points.0.weDid": "Der kommer gadelys hele vejen",
};

describe("writing the outcome report", () => {
  it("a draft is saved while the consultation is closed and can be rewritten; empty rows are not points", async () => {
    const { c, editor } = await closedConsultation();
    expect((await saveOutcomeDraft(c.id, report, editor)).ok).toBe(true);
    const second = await saveOutcomeDraft(c.id, { ...report, "points.0.weDid": "Gadelys på hele strækningen", "points.1.youSaid": "", "points.1.weDid": "" }, editor);
    expect(second.ok).toBe(true);
    const saved = await prisma.outcomeReport.findUniqueOrThrow({ where: { consultationId: c.id }, include: { points: true } });
    expect(saved.publishedAt).toBeNull();
    expect(saved.points.map((p) => p.weDid)).toEqual(["Gadelys på hele strækningen"]);
  });

  it("cannot be written while the consultation is open, nor by another municipality's editor", async () => {
    const { c, editor } = await closedConsultation({ status: "open", closesAt: new Date(Date.now() + day) });
    expect(await saveOutcomeDraft(c.id, report, editor)).toEqual({ ok: false, errors: { form: "validation.notWritable" } });
    const other = await closedConsultation();
    expect(await saveOutcomeDraft(other.c.id, report, editor)).toEqual({ ok: false, errors: { form: "validation.notFound" } });
    expect(await prisma.outcomeReport.count({ where: { consultationId: { in: [c.id, other.c.id] } } })).toBe(0);
  });

  it("evidence must be a published comment of this consultation", async () => {
    const { c, editor } = await closedConsultation();
    const elsewhere = await closedConsultation();
    const foreign = await citizenComment(elsewhere.c.id, "Lys på stien, tak");
    const own = await citizenComment(c.id, "Lys på stien, tak");
    const refused = await saveOutcomeDraft(c.id, { ...report, "points.0.evidence": `comment:${foreign.id}` }, editor);
    expect(refused).toEqual({ ok: false, errors: { "points.0.evidence": "validation.evidenceUnknown" } });
    expect((await saveOutcomeDraft(c.id, { ...report, "points.0.evidence": `comment:${own.id}` }, editor)).ok).toBe(true);
    const point = await prisma.outcomePoint.findFirstOrThrow({ where: { report: { consultationId: c.id } } });
    expect(point.commentId).toBe(own.id);
  });
});

describe("publishing the outcome", () => {
  it("moves the consultation, freezes the figures, tells open pages and mails each confirmed follower once in their language", async () => {
    const { c, editor } = await closedConsultation();
    await follower(c.id, "anna@example.dk", "da", true);
    await follower(c.id, "ben@example.com", "en", true);
    await follower(c.id, "ikke.bekraeftet@example.dk", "da", false);
    await saveOutcomeDraft(c.id, report, editor);
    const events: unknown[] = [];
    const off = subscribe("realtime.event", (e) => e.consultationId === c.id && events.push(e));
    const published = await publishOutcome(c.id, editor, origin);
    off();
    expect(published).toEqual({ ok: true, value: { followersNotified: 2 } });

    const after = await prisma.consultation.findUniqueOrThrow({ where: { id: c.id }, include: { outcome: true } });
    expect(after.status).toBe("outcome_published");
    expect(after.outcome?.publishedAt).toBeInstanceOf(Date);
    expect(JSON.parse(after.outcome!.figures!)).toMatchObject({ participants: 0, comments: 0, hearingResponses: 0, pollVoters: 0 });
    expect(events).toEqual([expect.objectContaining({ type: "consultation.status", status: "outcome_published" })]);

    const mails = await prisma.mailMessage.findMany({ where: { dedupeKey: { startsWith: `outcome:${after.outcome!.id}:` } }, orderBy: { to: "asc" } });
    expect(mails.map((m) => m.to)).toEqual(["anna@example.dk", "ben@example.com"]);
    expect(mails[0].subject).toBe("Beslutning: Cykelsti på Skolevej");
    expect(mails[1].subject).toBe("Decision: Cykelsti på Skolevej");
    expect(mails[0].text).toContain(report.decision);
    expect(mails[0].text).toContain(`${origin}/c/${c.slug}#outcome-title`);
    expect(JSON.parse(mails[0].headers)["List-Unsubscribe"]).toMatch(/^<https:\/\/raadslag\.testby\.dk\/.+>$/);

    // A second publish is refused and mails nobody again.
    expect(await publishOutcome(c.id, editor, origin)).toEqual({ ok: false, errors: { form: "validation.notWritable" } });
    expect(await prisma.mailMessage.count({ where: { dedupeKey: { startsWith: `outcome:${after.outcome!.id}:` } } })).toBe(2);
    // And the report can no longer be changed under the followers' feet.
    expect((await saveOutcomeDraft(c.id, { ...report, decision: `${report.decision} Ændret bagefter.` }, editor)).ok).toBe(false);
  });

  it("two editors publishing at the same moment publish once and mail once", async () => {
    const { c, editor, m } = await closedConsultation();
    const second = await createStaff(m.id, "editor");
    await follower(c.id, "anna@example.dk", "da", true);
    await saveOutcomeDraft(c.id, report, editor);
    const results = await Promise.all([publishOutcome(c.id, editor, origin), publishOutcome(c.id, { id: second.id, municipalityId: m.id }, origin)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const { id: reportId } = await prisma.outcomeReport.findUniqueOrThrow({ where: { consultationId: c.id } });
    expect(await prisma.mailMessage.count({ where: { to: "anna@example.dk", dedupeKey: { startsWith: `outcome:${reportId}:` } } })).toBe(1);
  });

  it("needs a saved report first", async () => {
    const { c, editor } = await closedConsultation();
    expect(await publishOutcome(c.id, editor, origin)).toEqual({ ok: false, errors: { form: "validation.saveFirst" } });
    expect((await prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("closed");
  });

  it("the editor sees live figures before publishing and the frozen ones after", async () => {
    const { c, editor, m } = await closedConsultation();
    await citizenComment(c.id, "Godt forslag");
    await saveOutcomeDraft(c.id, report, editor);
    expect((await getOutcomeForEditor(c.id, m.id))?.figures?.comments).toBe(1);
    await publishOutcome(c.id, editor, origin);
    await citizenComment(c.id, "Kom for sent");
    expect((await getOutcomeForEditor(c.id, m.id))?.figures?.comments).toBe(1);
  });
});

describe("overdue decisions", () => {
  // 10:00 in Copenhagen on a winter day, and 06:00 the same day.
  const morning = new Date("2026-12-03T09:00:00Z");
  const early = new Date("2026-12-03T05:00:00Z");

  async function overdue() {
    const setup = await closedConsultation({ expectedDecisionAt: new Date(morning.getTime() - 3 * day), closesAt: new Date(morning.getTime() - 10 * day), opensAt: new Date(morning.getTime() - 30 * day) });
    await prisma.consultation.update({ where: { id: setup.c.id }, data: { createdById: setup.user.id } });
    return setup;
  }

  const reminders = (consultationId: string) => prisma.mailMessage.findMany({ where: { dedupeKey: { startsWith: `overdue:${consultationId}:` } }, orderBy: { createdAt: "asc" } });

  it("the creating editor gets one reminder a day, from eight in the morning, until the outcome is published", async () => {
    const { c, user, editor } = await overdue();
    await sendOverdueReminders(origin, early);
    expect(await reminders(c.id)).toHaveLength(0);
    await sendOverdueReminders(origin, morning);
    await sendOverdueReminders(origin, new Date(morning.getTime() + 3600_000));
    const [mail, ...more] = await reminders(c.id);
    expect(more).toHaveLength(0);
    expect(mail.to).toBe(user.email);
    expect(mail.subject).toContain("forsinket");
    expect(mail.text).toContain(`${origin}/admin/consultations/${c.id}/outcome`);
    await sendOverdueReminders(origin, new Date(morning.getTime() + day));
    expect(await reminders(c.id)).toHaveLength(2);

    await saveOutcomeDraft(c.id, report, editor);
    await publishOutcome(c.id, editor, origin);
    await sendOverdueReminders(origin, new Date(morning.getTime() + 2 * day));
    expect(await reminders(c.id)).toHaveLength(2);
  });

  it("when the creator can no longer write, every active admin is reminded instead", async () => {
    const { m, c, user } = await overdue();
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const admin = await createStaff(m.id, "admin");
    await createStaff(m.id, "moderator");
    await sendOverdueReminders(origin, morning);
    expect((await reminders(c.id)).map((x) => x.to)).toEqual([admin.email]);
  });

  it("the day and hour are the municipality's, across the change to summer time", () => {
    expect(localDayAndHour(new Date("2026-12-31T23:30:00Z"))).toEqual({ day: "2027-01-01", hour: 0 });
    expect(localDayAndHour(new Date("2026-07-01T06:00:00Z"))).toEqual({ day: "2026-07-01", hour: 8 });
  });
});
