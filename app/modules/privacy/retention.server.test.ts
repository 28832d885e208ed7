import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { postComment } from "~/modules/discussion/discussion.server.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { pdfFile, validResponseForm } from "../../../tests/hearing-factories.ts";
import { applyRetention, dailyRetention, monthsBefore } from "./retention.server.ts";

const day = 24 * 3600_000;

/**
 * A hearing that ran and was decided: responses of every publication choice (the private one with
 * an attachment), a follower, a held comment, a block with a note, and the outcome e-mail sent.
 */
async function decidedHearing(municipalityId: string, decidedAt: Date) {
  const now = Date.now();
  const c = await createConsultation(municipalityId, { kind: "hearing", opensAt: new Date(now - 2 * day), closesAt: new Date(now + 5 * day) });
  const tag = `${now}${Math.random().toString(36).slice(2, 6)}`;
  const named = await submitHearingResponse(c.id, validResponseForm({ publication: "named", name: "Ida Named", email: `named.${tag}@eksempel.dk`, organisation: "Foreningen" }));
  const anonymous = await submitHearingResponse(c.id, validResponseForm({ publication: "anonymous", name: "Ole Anonym", email: `anon.${tag}@eksempel.dk` }));
  const secret = await submitHearingResponse(c.id, validResponseForm({ publication: "private", name: "Pia Privat", email: `private.${tag}@eksempel.dk`, attachment: pdfFile() }));
  if (!named.ok || !anonymous.ok || !secret.ok) throw new Error("setup");
  const author = await citizen("Holdt");
  const held = await postComment(c.id, commentForm({ body: "Mit cpr er 010190-1234" }), author);
  if (!held.ok || !held.value.held) throw new Error("setup");
  const follower = await prisma.follower.create({
    data: { consultationId: c.id, email: `follow.${tag}@eksempel.dk`, consentAt: new Date(decidedAt.getTime() - 30 * day), confirmedAt: new Date(decidedAt.getTime() - 30 * day), token: `tok${tag}`.padEnd(24, "x") },
  });
  await prisma.mailMessage.create({
    data: { dedupeKey: `outcome:test:${follower.id}`, to: follower.email, subject: "Udfaldet", text: "Hej", html: "<p>Hej</p>", status: "sent", sentAt: decidedAt, createdAt: decidedAt },
  });
  const moderator = await createStaff(municipalityId, "moderator");
  await prisma.moderationLog.create({
    data: { municipalityId, actorUserId: moderator.id, actorName: moderator.name, action: "block", participantId: author.participantId, note: "Skrev sit eget telefonnummer igen og igen", createdAt: decidedAt },
  });
  await prisma.consultation.update({ where: { id: c.id }, data: { status: "outcome_published", closedAt: new Date(decidedAt.getTime() - 20 * day) } });
  await prisma.outcomeReport.create({ data: { consultationId: c.id, decision: "Cykelstien bygges.", publishedAt: decidedAt } });
  return { c, named: named.value.id, anonymous: anonymous.value.id, secret: secret.value.id, held: held.value.comment.id, follower, moderator };
}

async function responses(consultationId: string) {
  const rows = await prisma.hearingResponse.findMany({ where: { consultationId }, orderBy: { createdAt: "asc" } });
  return Object.fromEntries(rows.map((r) => [r.publication, r]));
}

describe("the retention policy", () => {
  it("keeps everything until the period after the outcome is over, then removes the people and keeps the record", async () => {
    const m = await createMunicipality(); // retention: 6 months, the default
    const decidedAt = new Date("2027-01-15T10:00:00Z");
    const h = await decidedHearing(m.id, decidedAt);
    const attachment = (await responses(h.c.id)).private!.attachmentStored!;
    const file = path.join(getEnv().dataDir, "hearing-responses", attachment);
    expect(fs.existsSync(file)).toBe(true);

    // Five months after the outcome: nothing is touched.
    const early = await applyRetention(new Date("2027-06-15T10:00:00Z"));
    expect(early).toMatchObject({ consultations: 0, followers: 0, hearingResponses: 0, attachments: 0, comments: 0, mail: 0 });
    expect(await prisma.follower.count({ where: { consultationId: h.c.id } })).toBe(1);
    expect((await responses(h.c.id)).private!.name).toBe("Pia Privat");

    // Six months and a day after: the personal data goes.
    const later = await applyRetention(new Date("2027-07-16T10:00:00Z"));
    expect(later).toMatchObject({ consultations: 1, followers: 1, hearingResponses: 3, attachments: 1, comments: 1, moderationNotes: 1, mail: 1 });

    expect(await prisma.follower.count({ where: { consultationId: h.c.id } })).toBe(0);
    const after = await responses(h.c.id);
    // A named response's name is part of the public record; its address never was.
    expect([after.named!.name, after.named!.organisation, after.named!.email]).toEqual(["Ida Named", "Foreningen", ""]);
    expect([after.anonymous!.name, after.anonymous!.email, after.private!.name, after.private!.email]).toEqual(["", "", "", ""]);
    // Every response and its text stays: the hearing's record and its counts do not change.
    expect(Object.values(after).map((r) => r.body.length > 0)).toEqual([true, true, true]);
    expect(after.private!.attachmentStored).toBeNull();
    expect(fs.existsSync(file)).toBe(false);

    expect(await prisma.comment.findUniqueOrThrow({ where: { id: h.held }, select: { body: true, status: true } })).toEqual({ body: "", status: "held" });
    const log = await prisma.moderationLog.findFirstOrThrow({ where: { municipalityId: m.id, action: "block" } });
    expect(log).toMatchObject({ actorName: h.moderator.name, note: null });
    const mail = await prisma.mailMessage.findUniqueOrThrow({ where: { dedupeKey: `outcome:test:${h.follower.id}` } });
    expect(mail.to).toMatch(/^anonymised:/);
    expect([mail.text, mail.html, mail.status]).toEqual(["", "", "sent"]);

    // Running it again (the next day's run) finds nothing left to do.
    const again = await applyRetention(new Date("2027-07-17T10:00:00Z"));
    expect(again).toMatchObject({ followers: 0, hearingResponses: 0, attachments: 0, comments: 0, moderationNotes: 0, mail: 0 });
  });

  it("follows the municipality's own period, and a decision still pending keeps its followers", async () => {
    const m = await prisma.municipality.create({ data: { slug: `kort-${Date.now()}`, name: "Kortby Kommune", retentionMonths: 1 } });
    const decided = await decidedHearing(m.id, new Date("2027-03-01T10:00:00Z"));
    const waiting = await createConsultation(m.id, { status: "closed" });
    await prisma.follower.create({ data: { consultationId: waiting.id, email: `venter.${Date.now()}@eksempel.dk`, consentAt: new Date("2026-01-01"), confirmedAt: new Date("2026-01-01"), token: `venter${Date.now()}`.padEnd(24, "y") } });
    const archived = await createConsultation(m.id, { status: "archived" });
    await prisma.consultation.update({ where: { id: archived.id }, data: { archivedAt: new Date("2027-03-01T10:00:00Z") } });
    await prisma.follower.create({ data: { consultationId: archived.id, email: `arkiv.${Date.now()}@eksempel.dk`, consentAt: new Date("2026-01-01"), token: `arkiv${Date.now()}`.padEnd(24, "z") } });

    await applyRetention(new Date("2027-04-02T10:00:00Z"));
    expect(await prisma.follower.count({ where: { consultationId: decided.c.id } })).toBe(0);
    expect(await prisma.follower.count({ where: { consultationId: archived.id } })).toBe(0);
    // Closed without an outcome: the followers are still waiting to be told, years later too.
    expect(await prisma.follower.count({ where: { consultationId: waiting.id } })).toBe(1);
  });

  it("deletes expired staff sessions and keeps the ones still valid", async () => {
    const m = await createMunicipality();
    const user = await createStaff(m.id);
    const now = new Date("2027-02-01T12:00:00Z");
    await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(now.getTime() - 1000) } });
    const live = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(now.getTime() + day) } });
    await applyRetention(now);
    expect((await prisma.session.findMany({ where: { userId: user.id } })).map((s) => s.id)).toEqual([live.id]);
  });

  it("runs once per Copenhagen day however often the server's ticker asks", async () => {
    const runs: Date[] = [];
    const run = dailyRetention(async (now) => {
      runs.push(now);
    });
    expect(await run(new Date("2027-05-01T21:00:00Z"))).toBe(true); // 23:00 in Copenhagen
    expect(await run(new Date("2027-05-01T21:59:00Z"))).toBe(false);
    expect(await run(new Date("2027-05-01T22:01:00Z"))).toBe(true); // past midnight there
    expect(runs).toHaveLength(2);
  });

  it("counts months on the calendar", () => {
    expect(monthsBefore(new Date("2027-08-31T10:00:00Z"), 6).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(monthsBefore(new Date("2027-07-15T10:00:00Z"), 6).toISOString()).toBe("2027-01-15T10:00:00.000Z");
  });
});
