import fs from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { ensureParticipant } from "~/modules/participants/device.server.ts";
import { voterFromCookieHeader, voterHash } from "~/modules/polls/voter.server.ts";
import { getDiscussion, postComment, reportComment, toggleSupport } from "~/modules/discussion/discussion.server.ts";
import { collectFigures } from "~/modules/representativeness/figures.server.ts";
import { submitHearingResponse, listPublishedResponses } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { eventsSince } from "~/modules/realtime/event-log.server.ts";
import { smtpTransport, type MailTransport } from "~/modules/mail/transport.server.ts";
import { deliverDueMail } from "~/modules/mail/worker.server.ts";
import { startFollowing } from "~/modules/followers/followers.server.ts";
import { action as myDataAction, loader as myDataLoader } from "~/routes/mine-data.tsx";
import { loader as deviceExport } from "~/routes/mine-data_.eksport.ts";
import { action as emailAction, loader as emailLoader } from "~/routes/mine-data_.email.$token.tsx";
import { loader as emailExport } from "~/routes/mine-data_.email.$token_.eksport.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { pdfFile, validResponseForm } from "../../../tests/hearing-factories.ts";
import { startMailbox, type Mailbox } from "../../../tests/mailbox.ts";
import { deleteDeviceData, deleteEmailData, getDeviceData, getEmailData } from "./my-data.server.ts";
import { emailLinkToken, linkValidMs, verifyEmailLinkToken } from "./email-link.server.ts";

const origin = "http://raadslag.test";
const quiet = { error: () => {}, warn: () => {} };
type RouteData<T> = { data: T; init: ResponseInit | null };

let municipalityId: string;
let mailbox: Mailbox;
let transport: MailTransport;

beforeAll(async () => {
  municipalityId = (await createMunicipality()).id;
  mailbox = await startMailbox();
  transport = smtpTransport(mailbox.url, "Fjordby Kommune <noreply@fjordby.dk>");
});

afterAll(async () => {
  transport.close();
  await mailbox.close();
});

/** A device as a browser holds it: a real participant behind a signed cookie, and a voter cookie. */
async function device() {
  const { participant, setCookie } = await ensureParticipant(new Request(`${origin}/`));
  const voter = await voterFromCookieHeader(null, false);
  const cookie = [setCookie!, voter.setCookie!].map((c) => c.split(";")[0]).join("; ");
  return { participantId: participant.id, voterToken: voter.token, cookie };
}

async function pollWithVote(consultationId: string, token: string) {
  const poll = await prisma.poll.create({
    data: {
      consultationId,
      joinCode: `P${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`,
      status: "open",
      questions: { create: [{ position: 0, type: "yesno", text: "Skal der være træer?", options: { create: [{ position: 0, label: "Ja" }, { position: 1, label: "Nej" }] } }] },
    },
    include: { questions: { include: { options: true } } },
  });
  const question = poll.questions[0]!;
  await prisma.pollBallot.create({
    data: { pollId: poll.id, voterHash: voterHash(poll.id, token), ageGroup: "18-24", answers: { create: [{ questionId: question.id, optionId: question.options[0]!.id }] } },
  });
  // Someone else's vote, which must never show up as this device's.
  await prisma.pollBallot.create({ data: { pollId: poll.id, voterHash: voterHash(poll.id, "someone-elses-token-123456"), answers: { create: [{ questionId: question.id, optionId: question.options[1]!.id }] } } });
  return poll;
}

describe("my data on this device", () => {
  it("shows the device's pseudonym, comments, supports, reports and votes, and nobody else's", async () => {
    const c = await createConsultation(municipalityId, { kind: "participation" });
    const me = await device();
    const other = await citizen("Naboen");
    const mine = await postComment(c.id, commentForm({ body: "Flere bænke ved søen, tak.", displayName: "Søbader" }), { kind: "citizen", participantId: me.participantId, blocked: false });
    const theirs = await postComment(c.id, commentForm({ body: "Jeg vil hellere have en kiosk.", displayName: "Naboen" }), other);
    if (!mine.ok || !theirs.ok) throw new Error("setup");
    await toggleSupport(theirs.value.comment.id, me.participantId);
    await reportComment(theirs.value.comment.id, me.participantId, { rule: "2" }, 5);
    await pollWithVote(c.id, me.voterToken);

    const data = await getDeviceData({ participantId: me.participantId, voterToken: me.voterToken });
    expect(data.empty).toBe(false);
    expect(data.participant?.pseudonym).toBe("Søbader");
    expect(data.comments.map((x) => x.text)).toEqual(["Flere bænke ved søen, tak."]);
    expect(data.supports.map((s) => s.commentId)).toEqual([theirs.value.comment.id]);
    expect(data.reports.map((r) => r.rule)).toEqual([2]);
    expect(data.pollVotes).toHaveLength(1);
    expect(data.pollVotes[0]!.answers).toEqual([{ question: "Skal der være træer?", answer: "Ja" }]);

    const stranger = await getDeviceData({ participantId: null, voterToken: null });
    expect(stranger.empty).toBe(true);
  });

  it("the export is a JSON download that holds the device's comment", async () => {
    const c = await createConsultation(municipalityId, { kind: "participation" });
    const me = await device();
    await postComment(c.id, commentForm({ body: "Cykelparkering ved stationen mangler.", displayName: "Pendler" }), { kind: "citizen", participantId: me.participantId, blocked: false });
    const response = (await deviceExport({ request: new Request(`${origin}/mine-data/eksport`, { headers: { Cookie: me.cookie } }), params: {}, context: {} } as LoaderFunctionArgs)) as Response;
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="mine-data\.json"$/);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body.participant.pseudonym).toBe("Pendler");
    expect(body.comments.map((x: { text: string }) => x.text)).toContain("Cykelparkering ved stationen mangler.");
  });

  it("erasing a device keeps the thread's shape and every count, and nothing of the person is left", async () => {
    const c = await createConsultation(municipalityId, { kind: "participation" });
    const me = await device();
    const other = await citizen("Naboen");
    const poster = { kind: "citizen" as const, participantId: me.participantId, blocked: false };
    const text = "Mit forslag: en legeplads ved Bakkevej 12.";
    const top = await postComment(c.id, commentForm({ body: text, displayName: "Bakkebo" }), poster);
    if (!top.ok) throw new Error("setup");
    const reply = await postComment(c.id, commentForm({ body: "Godt forslag!", parentId: top.value.comment.id }), other);
    if (!reply.ok) throw new Error("setup");
    const held = await postComment(c.id, commentForm({ body: "Ring til mig på 20 30 40 50", displayName: "Bakkebo" }), poster);
    expect(held.ok && held.value.held).toBe(true);
    await toggleSupport(top.value.comment.id, other.participantId);
    await toggleSupport(reply.value.comment.id, me.participantId);
    await reportComment(reply.value.comment.id, me.participantId, { rule: "1" }, 5);
    await pollWithVote(c.id, me.voterToken);

    const before = await collectFigures(c.id);
    const replyBefore = await prisma.comment.findUniqueOrThrow({ where: { id: reply.value.comment.id }, select: { supportCount: true, reportCount: true } });

    const result = await deleteDeviceData(me.participantId);
    expect(result).toMatchObject({ comments: 2, supports: 1, reports: 1 });

    // The counts are the same: participants, comments, votes, and the counters on others' comments.
    expect(await collectFigures(c.id)).toEqual(before);
    expect(await prisma.comment.findUniqueOrThrow({ where: { id: reply.value.comment.id }, select: { supportCount: true, reportCount: true } })).toEqual(replyBefore);

    // The thread keeps its shape: a placeholder with its support count, the reply under it.
    const discussion = await getDiscussion(c.id, null);
    const placeholder = discussion.comments.find((x) => x.id === top.value.comment.id);
    expect(placeholder).toMatchObject({ state: "deleted", body: null, authorName: "", supportCount: 1 });
    expect(discussion.comments.find((x) => x.id === reply.value.comment.id)).toMatchObject({ parentId: top.value.comment.id, state: "published" });
    // The held comment nobody else saw does not become a placeholder.
    expect(discussion.comments.some((x) => x.id === (held.ok ? held.value.comment.id : ""))).toBe(false);

    // The person is gone: no pseudonym, no text, not even in the live event log a page catches up from.
    expect(await prisma.participant.findUnique({ where: { id: me.participantId } })).toBeNull();
    expect(await prisma.commentSupport.count({ where: { participantId: me.participantId } })).toBe(0);
    expect(await prisma.commentReport.count({ where: { participantId: me.participantId } })).toBe(0);
    expect(await prisma.comment.count({ where: { OR: [{ body: { contains: "Bakkevej" } }, { body: { contains: "20 30 40 50" } }, { authorName: "Bakkebo" }] } })).toBe(0);
    const log = await eventsSince(c.id, 0);
    expect(JSON.stringify(log.events)).not.toContain("Bakkevej");
    expect(JSON.stringify(log.events)).not.toContain("Bakkebo");
    expect(log.events.at(-1)).toMatchObject({ type: "comment.upsert", comment: { id: top.value.comment.id, state: "deleted" } });

    // The same cookie now leads nowhere.
    const after = await getDeviceData({ participantId: me.participantId, voterToken: null });
    expect(after.empty).toBe(true);
  });

  it("the page refuses to erase without the tick, and erasing clears the device's cookies", async () => {
    const c = await createConsultation(municipalityId, { kind: "participation" });
    const me = await device();
    await postComment(c.id, commentForm({ body: "Mere lys på stien.", displayName: "Aftengænger" }), { kind: "citizen", participantId: me.participantId, blocked: false });
    const post = (fields: Record<string, string>) =>
      myDataAction({
        request: new Request(`${origin}/mine-data`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: me.cookie } }),
        params: {},
        context: { clientAddress: "10.1.1.1" },
      } as unknown as ActionFunctionArgs);

    const refused = (await post({ intent: "delete" })) as unknown as RouteData<{ error: string }>;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.error).toBe("myData.delete.confirmRequired");
    expect(await prisma.participant.findUnique({ where: { id: me.participantId } })).not.toBeNull();

    const done = (await post({ intent: "delete", confirm: "yes" })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/mine-data?slettet=1");
    const cleared = done.headers.getSetCookie();
    expect(cleared.some((h) => /^raadslag_device=;/.test(h) && /Max-Age=0/i.test(h))).toBe(true);
    expect(cleared.some((h) => /^raadslag_voter=;/.test(h) && /Max-Age=0/i.test(h))).toBe(true);
    expect(await prisma.participant.findUnique({ where: { id: me.participantId } })).toBeNull();

    const page = (await myDataLoader({ request: new Request(`${origin}/mine-data`, { headers: { Cookie: me.cookie } }), params: {}, context: {} } as LoaderFunctionArgs)) as unknown as RouteData<{ device: { empty: boolean } }>;
    expect(page.data.device.empty).toBe(true);
  });
});

describe("my data under an e-mail address", () => {
  it("a link mailed to the address opens its data; a forged, altered or expired link opens nothing", async () => {
    const hearing = await createConsultation(municipalityId, { kind: "hearing" });
    const email = `signe.${Date.now()}@eksempel.dk`;
    await submitHearingResponse(hearing.id, validResponseForm({ email: email.toUpperCase(), name: "Signe Vang", body: "Husk fortovet." }));

    const answer = (await myDataAction({
      request: new Request(`${origin}/mine-data`, { method: "POST", body: new URLSearchParams({ intent: "email", email: `  ${email} ` }) }),
      params: {},
      context: { clientAddress: "10.2.2.2" },
    } as unknown as ActionFunctionArgs)) as unknown as RouteData<{ ok: boolean; email: string }>;
    expect(answer.data).toMatchObject({ ok: true, email });

    await deliverDueMail({ transport, retryBaseMs: 1000, retryMaxMs: 1000, maxAttempts: 3, pollMs: 60_000, leaseMs: 60_000, random: Math.random, log: quiet });
    const mail = await mailbox.waitFor((m) => m.to === email);
    expect(mail.subject).toContain("Dine data hos");
    const link = mail.text.match(/https?:\/\/\S+\/mine-data\/email\/\S+/)?.[0];
    expect(link).toBeTruthy();
    const token = new URL(link!).pathname.split("/")[3]!;

    const open = (t: string) =>
      emailLoader({ request: new Request(`${origin}/mine-data/email/${t}`), params: { token: t }, context: {} } as unknown as LoaderFunctionArgs) as unknown as Promise<
        RouteData<{ owner: { email: string; hearingResponses: { name: string }[] } | null }>
      >;
    const page = await open(token);
    expect(page.data.owner?.email).toBe(email);
    expect(page.data.owner?.hearingResponses.map((r) => r.name)).toEqual(["Signe Vang"]);
    expect(new Headers(page.init?.headers).get("Referrer-Policy")).toBe("no-referrer");

    const [payload, signature] = token.split(".");
    const otherPayload = Buffer.from(JSON.stringify({ e: "someone@eksempel.dk", x: Date.now() + 3600_000 })).toString("base64url");
    for (const bad of [`${otherPayload}.${signature}`, `${payload}.${"A".repeat(43)}`, "nonsense"]) {
      const refused = await open(bad);
      expect(refused.init?.status).toBe(404);
      expect(refused.data.owner).toBeNull();
    }
    expect(verifyEmailLinkToken(emailLinkToken(email, new Date(Date.now() - linkValidMs - 1000)))).toBeNull();

    const download = (await emailExport({ request: new Request(`${origin}/x`), params: { token }, context: {} } as unknown as LoaderFunctionArgs)) as Response;
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect((await download.json()).hearingResponses[0].text).toBe("Husk fortovet.");
  });

  it("erasing an address removes the person from follows, responses and mail, and keeps the hearing's record and counts", async () => {
    const hearing = await createConsultation(municipalityId, { kind: "hearing" });
    const email = `erik.${Date.now()}@eksempel.dk`;
    const named = await submitHearingResponse(hearing.id, validResponseForm({ email, name: "Erik Holm", organisation: "Grundejerforeningen", body: "Vejen er for smal.", attachment: pdfFile("erik.pdf") }));
    const secret = await submitHearingResponse(hearing.id, validResponseForm({ email: email.toUpperCase(), name: "Erik Holm", publication: "private", body: "Min nabo larmer om natten." }));
    const someoneElse = await submitHearingResponse(hearing.id, validResponseForm({ name: "Anden Borger" }));
    if (!named.ok || !secret.ok || !someoneElse.ok) throw new Error("setup");
    await prisma.$transaction((tx) => startFollowing(tx, { consultationId: hearing.id, email, locale: "da", origin }));
    await prisma.mailMessage.create({ data: { dedupeKey: `sent-before:${email}`, to: email, subject: "Tak for dit svar", text: `Hej ${email}`, html: "<p>Hej</p>", status: "sent", sentAt: new Date() } });
    const stored = await prisma.hearingResponse.findUniqueOrThrow({ where: { id: named.value.id }, select: { attachmentStored: true } });
    const file = path.join(getEnv().dataDir, "hearing-responses", stored.attachmentStored!);
    expect(fs.existsSync(file)).toBe(true);
    const before = await collectFigures(hearing.id);

    const token = emailLinkToken(email);
    const refused = (await emailAction({ request: new Request(`${origin}/mine-data/email/${token}`, { method: "POST", body: new URLSearchParams({ intent: "delete" }) }), params: { token }, context: {} } as unknown as ActionFunctionArgs)) as unknown as RouteData<{ error: string }>;
    expect(refused.init?.status).toBe(400);
    expect(await prisma.follower.count({ where: { email } })).toBe(1);

    const done = (await emailAction({
      request: new Request(`${origin}/mine-data/email/${token}`, { method: "POST", body: new URLSearchParams({ intent: "delete", confirm: "yes" }) }),
      params: { token },
      context: {},
    } as unknown as ActionFunctionArgs)) as unknown as RouteData<{ erased: string }>;
    expect(done.data.erased).toBe(email);

    expect(await collectFigures(hearing.id)).toEqual(before);
    expect(await prisma.follower.count({ where: { email } })).toBe(0);
    const rows = await prisma.hearingResponse.findMany({ where: { id: { in: [named.value.id, secret.value.id] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.name, r.email, r.organisation, r.attachmentStored, r.publication])).toEqual([
      ["", "", null, null, "anonymous"],
      ["", "", null, null, "private"],
    ]);
    // The published text stays in the hearing, without the name; the private one is gone.
    expect(rows.map((r) => r.body)).toEqual(["Vejen er for smal.", ""]);
    const published = await listPublishedResponses(hearing.id);
    expect(published.find((r) => r.id === named.value.id)).toMatchObject({ authorLabel: null, body: "Vejen er for smal.", attachment: null });
    expect(fs.existsSync(file)).toBe(false);
    // Somebody else's response is untouched.
    expect(await prisma.hearingResponse.findUniqueOrThrow({ where: { id: someoneElse.value.id }, select: { name: true } })).toEqual({ name: "Anden Borger" });

    // Unsent mail to the address is gone; sent mail keeps its row and key, not the address or words.
    const mail = await prisma.mailMessage.findMany({ where: { OR: [{ to: { contains: "erik." } }, { dedupeKey: `sent-before:${email}` }] } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ status: "sent", text: "", html: "" });
    expect(mail[0]!.to).toMatch(/^anonymised:/);
    expect((await getEmailData(email)).hearingResponses).toEqual([]);
  });
});
