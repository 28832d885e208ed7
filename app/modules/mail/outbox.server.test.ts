import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { startMailbox, parseMail, type Mailbox } from "../../../tests/mailbox.ts";
import { composeMail } from "./compose.server.ts";
import { enqueueMail, wakeMailWorker } from "./outbox.server.ts";
import { folderTransport, smtpTransport, type MailTransport } from "./transport.server.ts";
import { claimNextMail, deliverDueMail, flushAndStopMailWorkers, retryDelayMs, startMailWorker, type MailWorkerSettings } from "./worker.server.ts";

const quiet = { error: () => {}, warn: () => {} };
const from = "Fjordby Kommune <noreply@fjordby.dk>";

let mailbox: Mailbox;
let transport: MailTransport;

beforeAll(async () => {
  mailbox = await startMailbox();
  transport = smtpTransport(mailbox.url, from);
});

afterAll(async () => {
  transport.close();
  await mailbox.close();
});

beforeEach(async () => {
  await prisma.mailMessage.deleteMany();
  await mailbox.start();
  mailbox.refuseRecipients(null);
  mailbox.messages.length = 0;
});

function settings(overrides: Partial<MailWorkerSettings> = {}): MailWorkerSettings {
  return { transport, retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 10, pollMs: 60_000, leaseMs: 60_000, random: () => 0.5, log: quiet, ...overrides };
}

let n = 0;
function mail(overrides: Partial<Parameters<typeof enqueueMail>[1]> = {}) {
  n++;
  const body = composeMail({
    locale: "da",
    municipality: { name: "Fjordby Kommune", primaryColor: "#1f4e79" },
    heading: "Byrådet har besluttet",
    paragraphs: ["Cykelstien langs Strandvejen bliver bygget i 2027.", "Tak for jeres svar – særligt om belysning ved skolen."],
    action: { label: "Læs beslutningen", url: "https://raadslag.fjordby.dk/c/cykelsti-strandvejen" },
    unsubscribeUrl: "https://raadslag.fjordby.dk/foelg/abcdefghijklmnopqrstuvwx/afmeld",
  });
  return { dedupeKey: `test:${n}`, to: `borger${n}@eksempel.dk`, subject: "Resultatet af høringen om cykelstien", ...body, ...overrides };
}

async function row(dedupeKey: string) {
  return prisma.mailMessage.findUniqueOrThrow({ where: { dedupeKey } });
}

describe("the outbox", () => {
  it("sends a message once, with its plain text, its HTML and the unsubscribe headers", async () => {
    const message = mail();
    await enqueueMail(prisma, message);
    const result = await deliverDueMail(settings());
    expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });

    const received = await mailbox.waitFor((m) => m.to === message.to);
    expect(received.subject).toBe("Resultatet af høringen om cykelstien");
    expect(received.text).toContain("Cykelstien langs Strandvejen bliver bygget i 2027.");
    expect(received.text).toContain("https://raadslag.fjordby.dk/c/cykelsti-strandvejen");
    expect(received.html).toContain("<h1");
    expect(received.html).toContain("Tak for jeres svar – særligt om belysning ved skolen.");
    expect(received.headers["list-unsubscribe"]).toBe("<https://raadslag.fjordby.dk/foelg/abcdefghijklmnopqrstuvwx/afmeld>");
    expect(received.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(received.headers.from).toContain("noreply@fjordby.dk");

    const stored = await row(message.dedupeKey);
    expect(stored.status).toBe("sent");
    expect(stored.sentAt).not.toBeNull();
    expect(received.headers["message-id"]).toBe(`<${stored.id}@fjordby.dk>`);

    // Sent means sent: later passes never pick it up again.
    expect(await deliverDueMail(settings())).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(mailbox.messages).toHaveLength(1);
  });

  it("writes a message with the same dedupe key only once, so nobody gets it twice", async () => {
    const first = mail();
    expect(await enqueueMail(prisma, first)).toEqual({ enqueued: true });
    expect(await enqueueMail(prisma, { ...first, subject: "Igen" })).toEqual({ enqueued: false });
    await prisma.$transaction(async (tx) => {
      expect(await enqueueMail(tx, first)).toEqual({ enqueued: false });
    });
    await deliverDueMail(settings());
    expect(await enqueueMail(prisma, first)).toEqual({ enqueued: false });
    await deliverDueMail(settings());
    expect(mailbox.messages.filter((m) => m.to === first.to)).toHaveLength(1);
    expect(mailbox.messages[0]!.subject).toBe(first.subject);
  });

  it("sends nothing for an event whose transaction rolled back", async () => {
    const message = mail();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueMail(tx, message);
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await deliverDueMail(settings())).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await prisma.mailMessage.count()).toBe(0);
  });

  it("retries with growing waits while the SMTP server is down, and sends exactly once when it is back", async () => {
    await mailbox.stop();
    const message = mail();
    await enqueueMail(prisma, message);
    const t0 = Date.now();
    const at = (ms: number) => () => new Date(t0 + ms);

    expect(await deliverDueMail(settings(), at(0))).toEqual({ sent: 0, retried: 1, failed: 0 });
    let stored = await row(message.dedupeKey);
    expect(stored).toMatchObject({ status: "pending", attempts: 1 });
    expect(stored.lastError).toMatch(/ECONNREFUSED/);
    expect(stored.nextAttemptAt.getTime() - t0).toBe(100);

    // Not due yet: nothing is tried.
    expect(await deliverDueMail(settings(), at(50))).toEqual({ sent: 0, retried: 0, failed: 0 });

    await deliverDueMail(settings(), at(100));
    stored = await row(message.dedupeKey);
    expect(stored.attempts).toBe(2);
    expect(stored.nextAttemptAt.getTime() - t0).toBe(100 + 200);

    await deliverDueMail(settings(), at(300));
    stored = await row(message.dedupeKey);
    // Doubling again would be 400; the cap is 400.
    expect(stored.nextAttemptAt.getTime() - t0).toBe(300 + 400);
    await deliverDueMail(settings(), at(700));
    stored = await row(message.dedupeKey);
    expect(stored.nextAttemptAt.getTime() - t0).toBe(700 + 400);
    expect(mailbox.messages).toHaveLength(0);

    await mailbox.start();
    expect(await deliverDueMail(settings(), at(1100))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await deliverDueMail(settings(), at(5000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    stored = await row(message.dedupeKey);
    expect(stored).toMatchObject({ status: "sent", attempts: 5 });
    expect(mailbox.messages.filter((m) => m.to === message.to)).toHaveLength(1);
  });

  it("the running worker keeps retrying on its own and delivers once the server is back", async () => {
    await mailbox.stop();
    const worker = startMailWorker(settings({ retryBaseMs: 50, retryMaxMs: 150, pollMs: 10_000 }));
    try {
      const message = mail();
      await enqueueMail(prisma, message);
      wakeMailWorker();
      await vi.waitFor(async () => expect((await row(message.dedupeKey)).attempts).toBeGreaterThanOrEqual(3), { timeout: 5000, interval: 50 });
      expect(mailbox.messages).toHaveLength(0);
      await mailbox.start();
      await mailbox.waitFor((m) => m.to === message.to, { timeoutMs: 5000 });
      await worker.idle();
      expect((await row(message.dedupeKey)).status).toBe("sent");
      expect(mailbox.messages.filter((m) => m.to === message.to)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it("at shutdown sends the mail that is due before the worker stops, and nothing after", async () => {
    const worker = startMailWorker(settings({ pollMs: 60_000 }));
    try {
      await worker.idle();
      // Due, but the worker was not woken for it (another process wrote it) and polls only hourly.
      const due = mail();
      await enqueueMail(prisma, due);
      const result = await flushAndStopMailWorkers(Date.now() + 5000);
      expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(mailbox.messages.filter((m) => m.to === due.to)).toHaveLength(1);
      expect((await row(due.dedupeKey)).status).toBe("sent");
      // Stopped: a later wake sends nothing; the row waits for the next start.
      const later = mail();
      await enqueueMail(prisma, later);
      wakeMailWorker();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await row(later.dedupeKey)).status).toBe("pending");
    } finally {
      await worker.stop();
    }
  });

  it("gives up after the last attempt and keeps the last error for staff to read", async () => {
    await mailbox.stop();
    const message = mail();
    await enqueueMail(prisma, message);
    const t0 = Date.now();
    await deliverDueMail(settings({ maxAttempts: 2 }), () => new Date(t0));
    expect(await deliverDueMail(settings({ maxAttempts: 2 }), () => new Date(t0 + 1000))).toEqual({ sent: 0, retried: 0, failed: 1 });
    const stored = await row(message.dedupeKey);
    expect(stored).toMatchObject({ status: "failed", attempts: 2 });
    expect(stored.lastError).toMatch(/ECONNREFUSED/);
    await mailbox.start();
    expect(await deliverDueMail(settings(), () => new Date(t0 + 60_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(mailbox.messages).toHaveLength(0);
  });

  it("does not retry an address the server refuses for good (5xx)", async () => {
    mailbox.refuseRecipients({ code: 550, message: "No such mailbox" });
    const message = mail();
    await enqueueMail(prisma, message);
    expect(await deliverDueMail(settings())).toEqual({ sent: 0, retried: 0, failed: 1 });
    const stored = await row(message.dedupeKey);
    expect(stored).toMatchObject({ status: "failed", attempts: 1 });
    expect(stored.lastError).toMatch(/550/);
  });

  it("two workers emptying the outbox at the same time send every message exactly once", async () => {
    const messages = Array.from({ length: 12 }, () => mail());
    for (const m of messages) await enqueueMail(prisma, m);
    const second = smtpTransport(mailbox.url, from);
    const [a, b] = await Promise.all([deliverDueMail(settings()), deliverDueMail(settings({ transport: second }))]);
    second.close();
    expect(a.sent + b.sent).toBe(12);
    for (const m of messages) expect(mailbox.messages.filter((r) => r.to === m.to), m.to).toHaveLength(1);
    expect(mailbox.messages).toHaveLength(12);
  });

  it("only one of two simultaneous claims on a message wins", async () => {
    const message = mail();
    await enqueueMail(prisma, message);
    const now = new Date();
    const claims = await Promise.all([claimNextMail(now, 60_000), claimNextMail(now, 60_000), claimNextMail(now, 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await row(message.dedupeKey)).status).toBe("sending");
  });

  it("takes a message again whose send was interrupted, once its claim has run out, and not before", async () => {
    const message = mail();
    await enqueueMail(prisma, message);
    const now = Date.now();
    await prisma.mailMessage.update({ where: { dedupeKey: message.dedupeKey }, data: { status: "sending", claimedAt: new Date(now - 30_000), attempts: 1 } });
    expect(await deliverDueMail(settings({ leaseMs: 60_000 }))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliverDueMail(settings({ leaseMs: 20_000 }))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row(message.dedupeKey)).toMatchObject({ status: "sent", attempts: 2 });
    expect(mailbox.messages).toHaveLength(1);
  });
});

describe("without an SMTP server", () => {
  it("writes each message as a readable .eml file in the outbox folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-outbox-"));
    const folder = folderTransport(path.join(dir, "outbox"), from);
    const message = mail({ subject: "Æbletræerne i Søparken bliver stående" });
    await enqueueMail(prisma, message);
    expect(await deliverDueMail(settings({ transport: folder }))).toEqual({ sent: 1, retried: 0, failed: 0 });

    const files = fs.readdirSync(path.join(dir, "outbox"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = fs.readFileSync(path.join(dir, "outbox", files[0]!));
    // RFC 822: CRLF line ends, headers first.
    expect(raw.toString("latin1")).toMatch(/^[\x20-\x7e\r\n]+\r\n\r\n/);
    const parsed = parseMail(raw);
    expect(parsed.subject).toBe("Æbletræerne i Søparken bliver stående");
    expect(parsed.headers.to).toBe(message.to);
    expect(parsed.text).toContain("Cykelstien langs Strandvejen bliver bygget i 2027.");
    expect(parsed.html).toContain("Læs beslutningen");
    expect(parsed.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect((await row(message.dedupeKey)).status).toBe("sent");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("retry pacing", () => {
  it("doubles from the first wait, spreads retries by a quarter either way and never passes the cap", () => {
    const pace = { retryBaseMs: 30_000, retryMaxMs: 3_600_000 };
    expect(retryDelayMs(1, { ...pace, random: () => 0.5 })).toBe(30_000);
    expect(retryDelayMs(2, { ...pace, random: () => 0.5 })).toBe(60_000);
    expect(retryDelayMs(4, { ...pace, random: () => 0.5 })).toBe(240_000);
    expect(retryDelayMs(1, { ...pace, random: () => 0 })).toBe(22_500);
    expect(retryDelayMs(1, { ...pace, random: () => 0.999999 })).toBeCloseTo(37_500, -1);
    expect(retryDelayMs(20, { ...pace, random: () => 0.999999 })).toBe(3_600_000);
  });
});
