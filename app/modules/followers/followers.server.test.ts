import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { startMailbox, type Mailbox, type ReceivedMail } from "../../../tests/mailbox.ts";
import { smtpTransport, type MailTransport } from "~/modules/mail/transport.server.ts";
import { deliverDueMail } from "~/modules/mail/worker.server.ts";
import { mailT } from "~/modules/mail/compose.server.ts";
import { action as followAction, loader as followPageLoader } from "~/routes/c.$slug_.foelg.tsx";
import { action as confirmAction, loader as confirmLoader } from "~/routes/foelg.$token.bekraeft.tsx";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/foelg.$token.afmeld.tsx";
import { confirmedFollowers, followConsultation, forgetUnconfirmedFollowers, resendAfterMs, unsubscribeUrl } from "./followers.server.ts";

const origin = "http://raadslag.test";
const quiet = { error: () => {}, warn: () => {} };

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
  return deliverDueMail({ transport, retryBaseMs: 1000, retryMaxMs: 1000, maxAttempts: 3, pollMs: 60_000, leaseMs: 60_000, random: Math.random, log: quiet });
}

let n = 0;
function address() {
  n++;
  return `borger${n}.${Date.now()}@eksempel.dk`;
}

type RouteData<T> = { data: T; init: ResponseInit | null };

/** Posts the follow form as a browser would, from a page in the given language. */
async function postFollow(slug: string, fields: Record<string, string>, clientAddress = `10.0.0.${n}`) {
  const body = new URLSearchParams(fields);
  const request = new Request(`${origin}/c/${slug}/foelg`, { method: "POST", body });
  const result = (await followAction({ request, params: { slug }, context: { clientAddress } } as unknown as ActionFunctionArgs)) as unknown as RouteData<
    { ok: true; email: string } | { ok: false; errors: Record<string, string>; minutes?: number }
  >;
  return { status: result.init?.status ?? 200, body: result.data };
}

function tokenArgs(url: string, method = "GET", body?: string) {
  const token = new URL(url).pathname.split("/")[2]!;
  return { request: new Request(url, { method, body, headers: body ? { "Content-Type": "application/x-www-form-urlencoded" } : {} }), params: { token }, context: {} };
}

function linkIn(mail: ReceivedMail, ending: string) {
  const url = mail.text.match(new RegExp(`https?://\\S+/${ending}`))?.[0];
  if (!url) throw new Error(`No ${ending} link in:\n${mail.text}`);
  return url;
}

describe("following a consultation", () => {
  it("sends a confirmation in the follower's language whose link confirms only when the button is pressed", async () => {
    const consultation = await createConsultation(municipalityId, { title: "Ny cykelsti langs Strandvejen" });
    const email = address();
    const answer = await postFollow(consultation.slug, { email: `  ${email.toUpperCase()} `, consent: "on", locale: "en" });
    expect(answer).toEqual({ status: 200, body: { ok: true, email } });

    await deliver();
    const mail = await mailbox.waitFor((m) => m.to === email);
    expect(mail.subject).toBe("Confirm that you want to follow “Ny cykelsti langs Strandvejen”");
    expect(mail.text).toContain("Tap the button to confirm.");
    expect(mail.html).toContain('lang="en"');
    const confirmLink = linkIn(mail, "bekraeft");
    expect(confirmLink.startsWith(`${origin}/foelg/`)).toBe(true);
    // Every e-mail can be unsubscribed from in one click, the confirmation too.
    expect(mail.headers["list-unsubscribe"]).toBe(`<${linkIn(mail, "afmeld")}>`);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // The link opens in the follower's language, whichever browser opens it.
    const redirected = (await confirmLoader(tokenArgs(confirmLink) as unknown as LoaderFunctionArgs).catch((r: unknown) => r)) as Response;
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toBe(`${new URL(confirmLink).pathname}?lng=en`);

    // A link scanner opening the link confirms nothing.
    const page = (await confirmLoader(tokenArgs(`${confirmLink}?lng=en`) as unknown as LoaderFunctionArgs)) as {
      page: { state: string; consultation: { title: string } };
    };
    expect(page.page).toMatchObject({ state: "pending", consultation: { title: "Ny cykelsti langs Strandvejen" } });
    expect(await confirmedFollowers(consultation.id)).toEqual([]);

    const confirmed = (await confirmAction(tokenArgs(confirmLink, "POST", "") as unknown as ActionFunctionArgs)) as { page: { state: string } };
    expect(confirmed.page.state).toBe("confirmed");
    const followers = await confirmedFollowers(consultation.id);
    expect(followers).toEqual([{ id: expect.any(String), email, locale: "en", token: new URL(confirmLink).pathname.split("/")[2] }]);
    const again = (await confirmAction(tokenArgs(confirmLink, "POST", "") as unknown as ActionFunctionArgs)) as { page: { state: string } };
    expect(again.page.state).toBe("alreadyConfirmed");
  });

  it("writes to a Danish page's follower in Danish", async () => {
    const consultation = await createConsultation(municipalityId, { title: "Lokalplan for Mejerigrunden" });
    const email = address();
    await postFollow(consultation.slug, { email, consent: "on", locale: "da" });
    await deliver();
    const mail = await mailbox.waitFor((m) => m.to === email);
    expect(mail.subject).toBe("Bekræft, at du vil følge »Lokalplan for Mejerigrunden«");
    expect(mail.text).toContain("Bekræft, at jeg vil følge sagen:");
    expect(mail.text).toContain("Sendt af Testby Kommune");
  });

  it("unsubscribes in one click from the mail program (RFC 8058), while the page only asks", async () => {
    const consultation = await createConsultation(municipalityId);
    const email = address();
    await postFollow(consultation.slug, { email, consent: "on" });
    await deliver();
    const mail = await mailbox.waitFor((m) => m.to === email);
    await confirmAction(tokenArgs(linkIn(mail, "bekraeft"), "POST", "") as unknown as ActionFunctionArgs);
    const link = linkIn(mail, "afmeld");

    const asked = (await unsubscribeLoader(tokenArgs(link) as unknown as LoaderFunctionArgs)) as { page: { state: string } };
    expect(asked.page.state).toBe("subscribed");
    expect(await prisma.follower.count({ where: { email } })).toBe(1);

    const oneClick = (await unsubscribeAction(tokenArgs(link, "POST", "List-Unsubscribe=One-Click") as unknown as ActionFunctionArgs)) as { page: { state: string } };
    expect(oneClick.page.state).toBe("done");
    expect(await prisma.follower.count({ where: { email } })).toBe(0);
    expect(await confirmedFollowers(consultation.id)).toEqual([]);

    // Repeating it is harmless, and the page says there is nothing left.
    const repeated = (await unsubscribeAction(tokenArgs(link, "POST", "List-Unsubscribe=One-Click") as unknown as ActionFunctionArgs)) as { page: { state: string } };
    expect(repeated.page.state).toBe("gone");
    const page = (await unsubscribeLoader(tokenArgs(link) as unknown as LoaderFunctionArgs)) as { page: { state: string } };
    expect(page.page.state).toBe("gone");
  });

  it("the unsubscribe page's button removes a follower who never confirmed", async () => {
    const consultation = await createConsultation(municipalityId);
    const email = address();
    await postFollow(consultation.slug, { email, consent: "on" });
    await deliver();
    const link = linkIn(await mailbox.waitFor((m) => m.to === email), "afmeld");
    // What the page's own form posts: no body beyond the button.
    const result = (await unsubscribeAction(tokenArgs(link, "POST", "") as unknown as ActionFunctionArgs)) as { page: { state: string } };
    expect(result.page.state).toBe("done");
    expect(await prisma.follower.count({ where: { email } })).toBe(0);
  });

  it("answers the same whether an address is new, waiting or already following, and mails at most every few minutes", async () => {
    const consultation = await createConsultation(municipalityId, { title: "Ungehus i Brandstationen" });
    const email = address();
    const context = { pageLanguage: "da" as const, origin };
    const first = await followConsultation(consultation.id, { email, consent: "on" }, context);
    const second = await followConsultation(consultation.id, { email, consent: "on" }, context);
    expect(second).toEqual(first);
    await deliver();
    expect(mailbox.messages.filter((m) => m.to === email)).toHaveLength(1);

    // Later, a new confirmation is sent (the first may have been lost).
    const follower = await prisma.follower.findFirstOrThrow({ where: { email } });
    await prisma.mailMessage.updateMany({ where: { to: email }, data: { createdAt: new Date(Date.now() - resendAfterMs - 1000) } });
    expect(await followConsultation(consultation.id, { email, consent: "on", locale: "en" }, context)).toEqual(first);
    await deliver();
    const resent = mailbox.messages.filter((m) => m.to === email);
    expect(resent).toHaveLength(2);
    expect(resent[1]!.subject).toBe("Confirm that you want to follow “Ungehus i Brandstationen”");
    expect(linkIn(resent[1]!, "bekraeft")).toBe(linkIn(resent[0]!, "bekraeft"));
    expect((await prisma.follower.findUniqueOrThrow({ where: { id: follower.id } })).consentAt.getTime()).toBeGreaterThan(follower.consentAt.getTime());

    // Once confirmed, asking again tells the address (and only the address) that it already follows.
    await confirmAction(tokenArgs(linkIn(resent[1]!, "bekraeft"), "POST", "") as unknown as ActionFunctionArgs);
    expect(await followConsultation(consultation.id, { email, consent: "on" }, context)).toEqual(first);
    expect(await followConsultation(consultation.id, { email, consent: "on" }, context)).toEqual(first);
    await deliver();
    const all = mailbox.messages.filter((m) => m.to === email);
    expect(all).toHaveLength(3);
    // In the language of the newest consent.
    expect(all[2]!.subject).toBe("You are already following “Ungehus i Brandstationen”");
    expect(all[2]!.headers["list-unsubscribe"]).toBe(`<${unsubscribeUrl(origin, follower.token)}>`);
    expect(await prisma.follower.count({ where: { email } })).toBe(1);
  });

  it("refuses a bad address and a missing yes with translated messages, and stores nothing", async () => {
    const consultation = await createConsultation(municipalityId);
    const mailsBefore = await prisma.mailMessage.count();
    const answer = await postFollow(consultation.slug, { email: "ikke en adresse", locale: "da" });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, errors: { email: "validation.emailInvalid", consent: "validation.consentRequired" } });
    const errors = (answer.body as { errors: Record<string, string> }).errors;
    expect(mailT("da", "follow")(errors.email!)).toBe("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.");
    expect(mailT("en", "follow")(errors.consent!)).toBe("Tick the box if we may e-mail you about the outcome.");

    const noConsent = await postFollow(consultation.slug, { email: address(), consent: "" });
    expect(noConsent.body).toMatchObject({ ok: false, errors: { consent: "validation.consentRequired" } });
    expect(noConsent.body).not.toHaveProperty("errors.email");

    expect(await prisma.follower.count({ where: { consultationId: consultation.id } })).toBe(0);
    expect(await prisma.mailMessage.count()).toBe(mailsBefore);
  });

  it("can be followed before it opens and while it is being decided, but not once the outcome is out", async () => {
    const day = 24 * 3600_000;
    const scheduled = await createConsultation(municipalityId, { status: "scheduled", opensAt: new Date(Date.now() + day) });
    const closed = await createConsultation(municipalityId, { status: "closed", opensAt: new Date(Date.now() - 9 * day), closesAt: new Date(Date.now() - day) });
    expect((await postFollow(scheduled.slug, { email: address(), consent: "on" })).status).toBe(200);
    expect((await postFollow(closed.slug, { email: address(), consent: "on" })).status).toBe(200);

    const decided = await createConsultation(municipalityId, { status: "outcome_published" });
    const refused = await postFollow(decided.slug, { email: address(), consent: "on" });
    expect(refused).toMatchObject({ status: 409, body: { ok: false, errors: { form: "validation.outcomePublished" } } });
    expect(mailT("da", "follow")("validation.outcomePublished")).toMatch(/Resultatet er allerede offentliggjort/);
    const archived = await createConsultation(municipalityId, { status: "archived" });
    expect((await postFollow(archived.slug, { email: address(), consent: "on" })).body).toMatchObject({ errors: { form: "validation.archived" } });
    expect(await prisma.follower.count({ where: { consultationId: { in: [decided.id, archived.id] } } })).toBe(0);

    const draft = await createConsultation(municipalityId, { status: "draft" });
    await expect(postFollow(draft.slug, { email: address(), consent: "on" })).rejects.toMatchObject({ status: 404 });
    await expect(followPageLoader({ request: new Request(`${origin}/c/${draft.slug}/foelg`), params: { slug: draft.slug }, context: {} } as unknown as LoaderFunctionArgs)).rejects.toMatchObject({ status: 404 });
  });

  it("slows down many sign-ups from one address", async () => {
    const consultation = await createConsultation(municipalityId);
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await postFollow(consultation.slug, { email: address(), consent: "on" }, "192.0.2.77"));
    expect(results.slice(0, 10).every((r) => r.status === 200)).toBe(true);
    expect(results[10]).toMatchObject({ status: 429, body: { ok: false, errors: { form: "validation.tooMany" } } });
    expect((results[10]!.body as { minutes: number }).minutes).toBeGreaterThan(0);
    // Somebody else is not slowed down.
    expect((await postFollow(consultation.slug, { email: address(), consent: "on" }, "192.0.2.78")).status).toBe(200);
  });

  it("a confirmation link stops working after a week, and unconfirmed addresses are then forgotten", async () => {
    const consultation = await createConsultation(municipalityId);
    const [late, forgotten, fresh] = [address(), address(), address()];
    for (const email of [late, forgotten, fresh]) await postFollow(consultation.slug, { email, consent: "on" });
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    await prisma.follower.updateMany({ where: { email: { in: [late, forgotten] } }, data: { consentAt: weekAgo } });
    await deliver();

    const link = linkIn(await mailbox.waitFor((m) => m.to === late), "bekraeft");
    const page = (await confirmLoader(tokenArgs(link) as unknown as LoaderFunctionArgs)) as { page: { state: string } };
    expect(page.page.state).toBe("expired");
    const result = (await confirmAction(tokenArgs(link, "POST", "") as unknown as ActionFunctionArgs)) as { page: { state: string } };
    expect(result.page.state).toBe("expired");
    expect(await prisma.follower.count({ where: { email: late } })).toBe(0);

    expect(await forgetUnconfirmedFollowers()).toBe(1);
    expect(await prisma.follower.count({ where: { email: forgotten } })).toBe(0);
    expect(await prisma.follower.count({ where: { email: fresh } })).toBe(1);
  });

  it("a link with an unknown or malformed token shows a friendly page and changes nothing", async () => {
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", ""]) {
      const url = `${origin}/foelg/${encodeURIComponent(token)}/bekraeft`;
      const args = { request: new Request(url), params: { token }, context: {} };
      expect(((await confirmLoader(args as unknown as LoaderFunctionArgs)) as { page: { state: string } }).page.state).toBe("unknown");
      expect(((await confirmAction({ ...args, request: new Request(url, { method: "POST" }) } as unknown as ActionFunctionArgs)) as { page: { state: string } }).page.state).toBe("unknown");
      expect(((await unsubscribeAction({ ...args, request: new Request(url, { method: "POST" }) } as unknown as ActionFunctionArgs)) as { page: { state: string } }).page.state).toBe("gone");
    }
  });
});
