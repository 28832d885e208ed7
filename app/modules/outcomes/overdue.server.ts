/**
 * Overdue decisions: a closed consultation past its expected decision date without a published
 * outcome. Citizens see "the decision is late" on the page (the lifecycle's isOverdue); staff see it
 * on the dashboard; and the consultation's editor gets one reminder e-mail a day until the outcome
 * is published. The day is part of the outbox's dedupe key, so however often the check runs, a
 * reminder goes once a day.
 */
import { prisma } from "~/utils/db.server.ts";
import { isOverdue } from "~/modules/consultations/lifecycle.ts";
import { wakeMailWorker } from "~/modules/mail/outbox.server.ts";
import { municipalTimeZone } from "~/utils/time.ts";
import { enqueueOverdueReminder } from "./outcome-mail.server.ts";

/** Reminders go out in working hours, not at midnight. */
export const reminderHour = 8;

/** The municipality's calendar day and hour at `now`. */
export function localDayAndHour(now: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: municipalTimeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * Who is reminded: the editor who created the consultation while they may still write; otherwise
 * (left, disabled, or now another role) every active admin, so the reminder is never lost.
 */
async function recipients(consultation: { municipalityId: string; createdBy: { id: string; email: string; name: string; role: string; disabledAt: Date | null } | null }) {
  const creator = consultation.createdBy;
  if (creator && !creator.disabledAt && (creator.role === "editor" || creator.role === "admin")) return [creator];
  return prisma.user.findMany({
    where: { municipalityId: consultation.municipalityId, role: "admin", disabledAt: null },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  });
}

/** Puts today's reminders in the outbox; returns how many were new. */
export async function sendOverdueReminders(origin: string, now = new Date()) {
  const { day, hour } = localDayAndHour(now);
  if (hour < reminderHour) return 0;
  const candidates = await prisma.consultation.findMany({
    where: {
      status: { in: ["open", "closed"] },
      expectedDecisionAt: { lt: now },
      OR: [{ outcome: null }, { outcome: { publishedAt: null } }],
    },
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      expectedDecisionAt: true,
      municipalityId: true,
      municipality: { select: { name: true, primaryColor: true } },
      createdBy: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  let queued = 0;
  for (const c of candidates.filter((c) => isOverdue(c, now))) {
    for (const user of await recipients(c)) {
      const dedupeKey = `overdue:${c.id}:${day}:${user.id}`;
      if (await prisma.mailMessage.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
      await prisma.$transaction((tx) =>
        enqueueOverdueReminder(tx, { day, user, consultation: c, municipality: c.municipality, origin }),
      );
      queued++;
    }
  }
  if (queued > 0) wakeMailWorker();
  return queued;
}
