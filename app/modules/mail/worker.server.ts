/**
 * The mail worker: takes due messages from the outbox one at a time, hands each to the transport
 * and records the result. It runs inside the server process, woken when mail is enqueued and
 * polling every few seconds besides, so a message enqueued by another process or left over from
 * before a restart still goes out.
 *
 * A message is claimed by a conditional update (pending and due → sending, or a `sending` claim
 * whose lease ran out → sending again). Only one of two concurrent claimers can win that update, and
 * a row marked `sent` is never selected again, so a message is sent once however many passes run.
 *
 * On PostgreSQL, where every process of a scaled-out installation runs this worker, the claim is
 * one statement instead: `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)`. A row
 * another worker is claiming at that moment is skipped rather than waited for, so workers in
 * several processes take different messages instead of queueing behind one lock. The lease is
 * the same: a message whose claim ran out (its process died) is taken again.
 *
 * The one gap: the process dies after the relay accepted a message and before the row says `sent`.
 * The row is then still `sending`, and once its lease runs out it is sent again. We accept that
 * rather than the opposite (giving up on every interrupted message, most of which never reached the
 * relay, since connecting and transferring take far longer than the single update that follows):
 * a citizen may, rarely, get a duplicate, but never miss the outcome they asked for. Both copies
 * carry the same Message-ID, which many mail programs use to show them as one. The lease is far
 * longer than the transport's own time limits, so a slow relay cannot cause the same duplicate.
 */
import { databaseProvider, prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { onMailEnqueued } from "./outbox.server.ts";
import { isPermanentFailure, transportFromEnv, type MailTransport } from "./transport.server.ts";

export type MailWorkerSettings = {
  transport: MailTransport;
  /** The wait before the first retry; it doubles with every failure after that. */
  retryBaseMs: number;
  /** The longest wait between two attempts. */
  retryMaxMs: number;
  /** After this many attempts a message is marked failed and left alone. */
  maxAttempts: number;
  /** How often the outbox is looked at without being woken. */
  pollMs: number;
  /** How long a claim holds before another pass may take the message again. */
  leaseMs: number;
  /** 0 ≤ x < 1; replaceable so tests can pin the jitter. */
  random: () => number;
  log: Pick<Console, "error" | "warn">;
};

export function settingsFromEnv(): Omit<MailWorkerSettings, "transport"> & { transport?: MailTransport } {
  const env = getEnv();
  return {
    retryBaseMs: env.MAIL_RETRY_SECONDS * 1000,
    retryMaxMs: env.MAIL_RETRY_MAX_SECONDS * 1000,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    pollMs: env.MAIL_POLL_SECONDS * 1000,
    leaseMs: 10 * 60_000,
    random: Math.random,
    log: console,
  };
}

/**
 * The wait after the given number of failed attempts: doubling from the base, with ±25 % jitter so
 * messages that failed together (the relay was down) do not all come back in the same second,
 * and never more than the cap.
 */
export function retryDelayMs(failedAttempts: number, settings: Pick<MailWorkerSettings, "retryBaseMs" | "retryMaxMs" | "random">) {
  const exponential = settings.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1);
  const jittered = exponential * (0.75 + 0.5 * settings.random());
  return Math.round(Math.min(settings.retryMaxMs, jittered));
}

const messageSelect = { id: true, to: true, subject: true, text: true, html: true, headers: true, attempts: true, status: true, claimedAt: true } as const;

type Claimed = { id: string; to: string; subject: string; text: string; html: string; headers: string; attempts: number; claimedAt: Date };

function dueWhere(now: Date, leaseMs: number) {
  return {
    OR: [
      { status: "pending", nextAttemptAt: { lte: now } },
      { status: "sending", claimedAt: { lt: new Date(now.getTime() - leaseMs) } },
    ],
  };
}

const interruptedNote = "The previous attempt was interrupted (its claim ran out); sending again.";

/**
 * PostgreSQL: claim the first due message no other worker holds, in one statement. The SET's
 * expressions see the row as it was, so the note is written only for an interrupted claim.
 */
async function claimNextMailPostgres(now: Date, leaseMs: number): Promise<Claimed | null> {
  const leaseCutoff = new Date(now.getTime() - leaseMs);
  const rows = await prisma.$queryRaw<Claimed[]>`
    UPDATE "MailMessage" AS m
    SET "status" = 'sending', "claimedAt" = ${now}, "attempts" = m."attempts" + 1,
        "lastError" = CASE WHEN m."status" = 'sending' THEN ${interruptedNote} ELSE m."lastError" END
    WHERE m."id" = (
      SELECT "id" FROM "MailMessage"
      WHERE ("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "claimedAt" < ${leaseCutoff})
      ORDER BY "nextAttemptAt" ASC, "createdAt" ASC
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING m."id", m."to", m."subject", m."text", m."html", m."headers", m."attempts", m."claimedAt"`;
  return rows[0] ?? null;
}

let onPostgres: boolean | undefined;

/** Takes the next due message for this pass, or null when none is due. */
export async function claimNextMail(now: Date, leaseMs: number): Promise<Claimed | null> {
  if ((onPostgres ??= databaseProvider() === "postgresql")) return claimNextMailPostgres(now, leaseMs);
  for (let tries = 0; tries < 10; tries++) {
    const candidate = await prisma.mailMessage.findFirst({
      where: dueWhere(now, leaseMs),
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      select: messageSelect,
    });
    if (!candidate) return null;
    // Compare and swap: the row must still be exactly as we saw it, or another pass has it.
    const interrupted = candidate.status === "sending";
    const { count } = await prisma.mailMessage.updateMany({
      where: interrupted
        ? { id: candidate.id, status: "sending", claimedAt: candidate.claimedAt }
        : { id: candidate.id, status: "pending", nextAttemptAt: { lte: now } },
      data: {
        status: "sending",
        claimedAt: now,
        attempts: { increment: 1 },
        ...(interrupted ? { lastError: interruptedNote } : {}),
      },
    });
    if (count === 1) return { ...candidate, attempts: candidate.attempts + 1, claimedAt: now };
  }
  return null;
}

export type PassResult = { sent: number; retried: number; failed: number };

/**
 * Sends every message that is due, one at a time, until none is left. Safe to run while another
 * pass runs: each message goes to whichever pass claims it.
 */
export async function deliverDueMail(settings: MailWorkerSettings, clock: () => Date = () => new Date(), shouldStop = () => false): Promise<PassResult> {
  const result: PassResult = { sent: 0, retried: 0, failed: 0 };
  while (!shouldStop()) {
    const message = await claimNextMail(clock(), settings.leaseMs);
    if (!message) break;
    const outcome = await deliverOne(message, settings, clock);
    result[outcome]++;
  }
  return result;
}

async function deliverOne(message: Claimed, settings: MailWorkerSettings, clock: () => Date): Promise<keyof PassResult> {
  const claim = { id: message.id, status: "sending", claimedAt: message.claimedAt };
  try {
    await settings.transport.send({
      id: message.id,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: parseHeaders(message.headers),
    });
  } catch (error) {
    const permanent = isPermanentFailure(error);
    const giveUp = permanent || message.attempts >= settings.maxAttempts;
    const lastError = describeError(error);
    await prisma.mailMessage.updateMany({
      where: claim,
      data: giveUp
        ? { status: "failed", claimedAt: null, lastError }
        : { status: "pending", claimedAt: null, lastError, nextAttemptAt: new Date(clock().getTime() + retryDelayMs(message.attempts, settings)) },
    });
    if (giveUp) settings.log.error(`[mail] gave up on message ${message.id} after ${message.attempts} attempt(s): ${lastError}`);
    else settings.log.warn(`[mail] message ${message.id} not sent (attempt ${message.attempts}), will retry: ${lastError}`);
    return giveUp ? "failed" : "retried";
  }
  // The relay has it. Recording that must not be lost to a passing lock, or the lease would
  // eventually send it again: try a few times.
  for (let tries = 0; ; tries++) {
    try {
      const { count } = await prisma.mailMessage.updateMany({ where: claim, data: { status: "sent", sentAt: clock(), claimedAt: null, lastError: null } });
      if (count === 0) settings.log.warn(`[mail] message ${message.id} was sent, but its claim had already run out`);
      return "sent";
    } catch (error) {
      if (tries >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * (tries + 1)));
    }
  }
}

function parseHeaders(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

function describeError(error: unknown) {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown } | null;
  const parts = [e?.responseCode, e?.code, e?.message ?? String(error)].filter((p) => p !== undefined && p !== null && p !== "");
  return parts.join(" ").slice(0, 1000);
}

export type MailWorker = {
  /** Look at the outbox now. */
  wake(): void;
  /** Resolves when the pass under way (if any) has finished. */
  idle(): Promise<void>;
  /** Stops polling, lets the message in hand finish, and closes the transport. */
  stop(): Promise<void>;
  /**
   * Shutdown: stops polling, then sends everything that is due in one last pass (until `giveUpAt`,
   * a Date.now() value, between two messages), then stops. What fails is left pending for the next
   * start, as any failed attempt is.
   */
  flushAndStop(giveUpAt?: number): Promise<PassResult>;
};

const runningWorkers = new Set<MailWorker>();

/** flushAndStop for every worker this process runs (the server's shutdown). */
export async function flushAndStopMailWorkers(giveUpAt?: number): Promise<PassResult> {
  const results = await Promise.all([...runningWorkers].map((worker) => worker.flushAndStop(giveUpAt)));
  return results.reduce((sum, r) => ({ sent: sum.sent + r.sent, retried: sum.retried + r.retried, failed: sum.failed + r.failed }), { sent: 0, retried: 0, failed: 0 });
}

/** Starts the worker with the configured transport and pacing; options override them (tests). */
export function startMailWorker(options: Partial<MailWorkerSettings> = {}): MailWorker {
  const defaults = settingsFromEnv();
  const settings: MailWorkerSettings = { ...defaults, ...options, transport: options.transport ?? defaults.transport ?? transportFromEnv() };
  let stopped = false;
  let again = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const schedule = async () => {
    if (stopped) return;
    // Sleep until the next retry is due when that is sooner than the next poll.
    let delay = settings.pollMs;
    try {
      const next = await prisma.mailMessage.findFirst({ where: { status: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
      if (next) delay = Math.max(0, Math.min(delay, next.nextAttemptAt.getTime() - Date.now()));
    } catch {
      // The poll will look again.
    }
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
    timer.unref();
  };

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        try {
          await deliverDueMail(settings, () => new Date(), () => stopped);
        } catch (error) {
          settings.log.error("[mail] pass failed", error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
      // A wake that came in as the pass ended is not lost: it starts the next one.
      if (again && !stopped) run();
      else void schedule();
    });
  };

  const stopListening = onMailEnqueued(run);
  let stopping: Promise<void> | null = null;
  const worker: MailWorker = {
    wake: run,
    idle: async () => {
      while (running) await running;
    },
    // Once, however often it is called (the shutdown's flush and the jobs' stop both call it).
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        stopListening();
        clearTimeout(timer);
        while (running) await running;
        settings.transport.close();
        runningWorkers.delete(worker);
      })()),
    flushAndStop: async (giveUpAt) => {
      let result: PassResult = { sent: 0, retried: 0, failed: 0 };
      if (stopping) return result;
      stopped = true;
      clearTimeout(timer);
      while (running) await running;
      try {
        result = await deliverDueMail(settings, () => new Date(), () => giveUpAt !== undefined && Date.now() > giveUpAt);
      } catch (error) {
        settings.log.error("[mail] last pass before shutdown failed", error);
      }
      await worker.stop();
      return result;
    },
  };
  runningWorkers.add(worker);
  run();
  return worker;
}
