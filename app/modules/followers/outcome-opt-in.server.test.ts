// "Tell me the outcome" ticked on a hearing response or beside a comment: the same double opt-in
// as the follow form, written in the same transaction as the response or comment.
import { prisma } from "~/utils/db.server.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { validResponseForm } from "../../../tests/hearing-factories.ts";
import { commentForm } from "../../../tests/discussion-factories.ts";
import { startMailbox, type Mailbox } from "../../../tests/mailbox.ts";
import { smtpTransport, type MailTransport } from "~/modules/mail/transport.server.ts";
import { deliverDueMail } from "~/modules/mail/worker.server.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { handleDiscussionAction } from "~/modules/discussion/discussion-actions.server.ts";

const origin = "http://raadslag.test";

let mailbox: Mailbox;
let transport: MailTransport;
let municipalityId: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  transport = smtpTransport(mailbox.url, "Fjordby Kommune <noreply@fjordby.dk>");
  municipalityId = (await createMunicipality()).id;
});

afterAll(async () => {
  transport.close();
  await mailbox.close();
});

async function deliver() {
  return deliverDueMail({ transport, retryBaseMs: 1000, retryMaxMs: 1000, maxAttempts: 3, pollMs: 60_000, leaseMs: 60_000, random: Math.random, log: { error: () => {}, warn: () => {} } });
}

/** Posts the comment form as the page would, from a page at this origin, in this language. */
function postComment(slug: string, consultationId: string, fields: Record<string, string>, lng = "da") {
  const form = new FormData();
  form.set("intent", "comment");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const request = new Request(`${origin}/c/${slug}/comments`, { method: "POST", body: form, headers: { Cookie: `lng=${lng}` } });
  return handleDiscussionAction(request, consultationId, form);
}

describe("tell me the outcome", () => {
  it("a hearing response with the box ticked makes its author a follower, who is sent a confirmation", async () => {
    const hearing = await createConsultation(municipalityId, { title: "Høring om lokalplan 112" });
    const response = validResponseForm({ email: "Karen.Strandgaard@Eksempel.dk", followOutcome: "on" });
    const result = await submitHearingResponse(hearing.id, response, new Date(), { locale: "en", origin });
    expect(result.ok).toBe(true);

    const follower = await prisma.follower.findFirstOrThrow({ where: { consultationId: hearing.id } });
    expect(follower).toMatchObject({ email: "karen.strandgaard@eksempel.dk", locale: "en", confirmedAt: null });
    await deliver();
    const mail = await mailbox.waitFor((m) => m.to === "karen.strandgaard@eksempel.dk");
    expect(mail.subject).toBe("Confirm that you want to follow “Høring om lokalplan 112”");
    expect(mail.text).toContain(`${origin}/foelg/${follower.token}/bekraeft`);
  });

  it("a hearing response without the box ticked follows nothing", async () => {
    const hearing = await createConsultation(municipalityId);
    const result = await submitHearingResponse(hearing.id, validResponseForm(), new Date(), { locale: "da", origin });
    expect(result.ok).toBe(true);
    expect(await prisma.follower.count({ where: { consultationId: hearing.id } })).toBe(0);
  });

  it("a refused hearing response creates no follower either", async () => {
    const hearing = await createConsultation(municipalityId);
    const result = await submitHearingResponse(hearing.id, validResponseForm({ body: "  ", followOutcome: "on" }), new Date(), { locale: "da", origin });
    expect(result.ok).toBe(false);
    expect(await prisma.follower.count({ where: { consultationId: hearing.id } })).toBe(0);
  });

  it("a comment with the box ticked creates a follower and a confirmation, and the address is not on the comment", async () => {
    const consultation = await createConsultation(municipalityId, { kind: "participation", title: "Ungehus i Brandstationen" });
    const email = `ung.${Date.now()}@eksempel.dk`;
    const form = commentForm({ followOutcome: "on", followEmail: email });
    const { status, body } = await postComment(consultation.slug, consultation.id, form);
    expect(status).toBe(201);
    expect(body.ok).toBe(true);

    const comment = await prisma.comment.findUniqueOrThrow({ where: { clientId: form.clientId } });
    expect(JSON.stringify(comment)).not.toContain(email);
    const follower = await prisma.follower.findFirstOrThrow({ where: { consultationId: consultation.id } });
    expect(follower).toMatchObject({ email, locale: "da", confirmedAt: null });

    await deliver();
    const mail = await mailbox.waitFor((m) => m.to === email);
    expect(mail.subject).toBe("Bekræft, at du vil følge »Ungehus i Brandstationen«");

    // The same post sent again (a retry) is the same comment, and asks nothing twice.
    await postComment(consultation.slug, consultation.id, form);
    await deliver();
    expect(mailbox.messages.filter((m) => m.to === email)).toHaveLength(1);
  });

  it("a comment with the box ticked and a bad address is refused with a translated message, and nothing is stored", async () => {
    const consultation = await createConsultation(municipalityId, { kind: "participation" });
    const form = commentForm({ followOutcome: "on", followEmail: "ung@" });
    const { status, body } = await postComment(consultation.slug, consultation.id, form);
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, errors: { followEmail: "follow:validation.emailInvalid" } });
    expect(await prisma.comment.count({ where: { clientId: form.clientId } })).toBe(0);
    expect(await prisma.follower.count({ where: { consultationId: consultation.id } })).toBe(0);
  });

  it("an address left in the field without the box ticked is ignored", async () => {
    const consultation = await createConsultation(municipalityId, { kind: "participation" });
    const form = commentForm({ followEmail: "glemt@eksempel.dk" });
    const { status } = await postComment(consultation.slug, consultation.id, form, "en");
    expect(status).toBe(201);
    expect(await prisma.follower.count({ where: { consultationId: consultation.id } })).toBe(0);
  });
});
