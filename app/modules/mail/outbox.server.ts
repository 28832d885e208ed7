/**
 * The e-mail outbox. Every e-mail is a MailMessage row written in the same transaction as the
 * event that causes it (a follower signing up, an outcome published), so a rolled-back event sends
 * nothing and a committed one always sends, even across a restart. The worker (worker.server.ts)
 * does the sending; this module only writes rows and nudges it.
 *
 * Usage, from a command:
 *   await prisma.$transaction(async (tx) => { …the write…; await enqueueMail(tx, mail); });
 *   wakeMailWorker();
 */
import { Prisma, type PrismaClient } from "~/generated/prisma/client.ts";

export type MailToEnqueue = {
  /** Names the message, e.g. `follow-confirm:<followerId>:1`: the same key twice is one e-mail. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, such as List-Unsubscribe from composeMail. */
  headers?: Record<string, string>;
};

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Writes a message to the outbox; a message with the same dedupe key already there (sent or not)
 * makes this a no-op, so retried commands and repeated events never mail anyone twice.
 * Returns whether a row was written.
 */
export async function enqueueMail(db: Db, mail: MailToEnqueue): Promise<{ enqueued: boolean }> {
  const dedupeKey = mail.dedupeKey.trim();
  if (!dedupeKey || dedupeKey.length > 500) throw new Error("A mail needs a dedupe key of at most 500 characters");
  if (!mail.to.includes("@")) throw new Error("A mail needs a recipient address");
  // Look first rather than lean on the unique index alone: on PostgreSQL a failed insert would
  // abort the caller's whole transaction, and the caller's write must not fail over a duplicate.
  const existing = await db.mailMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
  if (existing) return { enqueued: false };
  try {
    await db.mailMessage.create({
      data: {
        dedupeKey,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: JSON.stringify(mail.headers ?? {}),
      },
      select: { id: true },
    });
    return { enqueued: true };
  } catch (error) {
    // Outside a transaction two writers can still race between the look and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { enqueued: false };
    throw error;
  }
}

const wakers = new Set<() => void>();

/**
 * Tells the running worker there is mail, so it goes out at once instead of at the next poll.
 * Call it after the transaction that enqueued has committed: woken earlier, the worker would find
 * nothing yet. Without a running worker (tests, scripts) it does nothing; the row waits.
 */
export function wakeMailWorker() {
  for (const wake of wakers) wake();
}

/** For the worker: be told when mail was enqueued. Returns the way to stop listening. */
export function onMailEnqueued(wake: () => void) {
  wakers.add(wake);
  return () => {
    wakers.delete(wake);
  };
}
