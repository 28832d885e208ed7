/**
 * The retention policy: personal data is kept for the municipality's retention period
 * (Municipality.retentionMonths, 6 by default) after a consultation has ended, then deleted or
 * anonymised. A consultation has ended when its outcome was published; one archived without an
 * outcome, when it was archived. A closed consultation still waiting for its decision has not
 * ended: its followers are waiting to be told, and staff are reminded daily (ADR 0008, 0010).
 *
 * What goes, per ended consultation: followers; the name, address and organisation of private and
 * anonymous hearing responses (and the address of named ones: their name is on the public record);
 * attachments of private responses; the text of comments nobody but the author and moderators
 * ever saw (held, hidden); moderators' free-text notes on blocking. Besides: the recipient and text
 * of sent or failed e-mail older than the period, and expired staff sessions.
 *
 * Every step only touches what still holds personal data, so running it twice changes nothing.
 */
import { prisma } from "~/utils/db.server.ts";
import { addressHash } from "./email-link.server.ts";
import { removeAttachments } from "./my-data.server.ts";

export type RetentionReport = {
  consultations: number;
  followers: number;
  hearingResponses: number;
  attachments: number;
  comments: number;
  moderationNotes: number;
  mail: number;
  sessions: number;
};

/** The same calendar day `months` earlier (the last day of a shorter month when it has no such day). */
export function monthsBefore(now: Date, months: number) {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** Ended consultations whose retention period is over: the outcome's date, or archiving without one. */
async function expiredConsultations(municipalityId: string, cutoff: Date) {
  const rows = await prisma.consultation.findMany({
    where: {
      municipalityId,
      OR: [{ outcome: { publishedAt: { lt: cutoff } } }, { status: "archived", archivedAt: { lt: cutoff }, outcome: { is: null } }, { status: "archived", archivedAt: { lt: cutoff }, outcome: { publishedAt: null } }],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function applyRetention(now = new Date()): Promise<RetentionReport> {
  const report: RetentionReport = { consultations: 0, followers: 0, hearingResponses: 0, attachments: 0, comments: 0, moderationNotes: 0, mail: 0, sessions: 0 };
  const municipalities = await prisma.municipality.findMany({ select: { id: true, retentionMonths: true } });
  const files: string[] = [];

  for (const m of municipalities) {
    const cutoff = monthsBefore(now, m.retentionMonths);
    const ids = await expiredConsultations(m.id, cutoff);
    report.consultations += ids.length;
    await prisma.$transaction(async (tx) => {
      if (ids.length > 0) {
        report.followers += (await tx.follower.deleteMany({ where: { consultationId: { in: ids } } })).count;

        const unnamed = await tx.hearingResponse.updateMany({
          where: {
            consultationId: { in: ids },
            publication: { in: ["private", "anonymous"] },
            OR: [{ name: { not: "" } }, { email: { not: "" } }, { organisation: { not: null } }],
          },
          data: { name: "", email: "", organisation: null },
        });
        const named = await tx.hearingResponse.updateMany({
          where: { consultationId: { in: ids }, publication: "named", email: { not: "" } },
          data: { email: "" },
        });
        report.hearingResponses += unnamed.count + named.count;

        const privateFiles = await tx.hearingResponse.findMany({
          where: { consultationId: { in: ids }, publication: "private", attachmentStored: { not: null } },
          select: { id: true, attachmentStored: true },
        });
        if (privateFiles.length > 0) {
          await tx.hearingResponse.updateMany({
            where: { id: { in: privateFiles.map((r) => r.id) } },
            data: { attachmentName: null, attachmentStored: null, attachmentMime: null, attachmentSize: null },
          });
          files.push(...privateFiles.map((r) => r.attachmentStored!));
          report.attachments += privateFiles.length;
        }

        // Held and hidden texts are the ones screening or a moderator kept from the public, often
        // because they carried a phone or CPR number; the row stays for the counts and the log.
        report.comments += (
          await tx.comment.updateMany({ where: { consultationId: { in: ids }, status: { in: ["held", "hidden"] }, body: { not: "" } }, data: { body: "" } })
        ).count;
      }

      // Who blocked whom, when and under which rule stays; the moderator's own words about the
      // person do not, once the period is over. Pause messages and slow-mode minutes are public.
      report.moderationNotes += (
        await tx.moderationLog.updateMany({
          where: { municipalityId: m.id, action: { in: ["block", "unblock"] }, createdAt: { lt: cutoff }, note: { not: null } },
          data: { note: null },
        })
      ).count;
      await tx.participant.updateMany({ where: { blockedAt: { lt: cutoff }, blockedReason: { not: null } }, data: { blockedReason: null } });
    });
  }

  // Mail rows belong to no municipality; one installation serves one, and where there are several
  // the longest period applies, so nobody's data goes earlier than its municipality decided.
  const months = Math.max(0, ...municipalities.map((m) => m.retentionMonths));
  if (municipalities.length > 0) report.mail += await anonymiseOldMail(monthsBefore(now, months));

  report.sessions = (await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  await removeAttachments(files);
  return report;
}

/**
 * Sent and failed e-mail older than the period: the row stays (its dedupe key stops the same
 * message being sent again), the recipient becomes a keyed hash and the text goes.
 */
async function anonymiseOldMail(cutoff: Date) {
  const rows = await prisma.mailMessage.findMany({
    where: { status: { in: ["sent", "failed"] }, createdAt: { lt: cutoff }, NOT: { to: { startsWith: "anonymised:" } } },
    select: { id: true, to: true },
  });
  for (const row of rows) {
    await prisma.mailMessage.update({ where: { id: row.id }, data: { to: addressHash(row.to), text: "", html: "", headers: "{}" } });
  }
  return rows.length;
}

/**
 * For the server's ticker: runs the policy at most once per calendar day (Copenhagen), so it can be
 * called on every tick. A failed run is tried again on the next tick.
 */
export function dailyRetention(run: (now: Date) => Promise<unknown> = applyRetention) {
  let doneFor: string | null = null;
  return async (now = new Date()) => {
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen" }).format(now);
    if (day === doneFor) return false;
    await run(now);
    doneFor = day;
    return true;
  };
}
