/**
 * Activity per consultation over the last seven days, for the staff dashboard: comments, hearing
 * responses and poll votes, in total and per calendar day in Danish time, so staff see where the
 * debate is alive and where a reminder might help. Counts only, never who.
 */
import { prisma } from "~/utils/db.server.ts";
import { municipalTimeZone, parseLocalDateTime } from "~/utils/time.ts";
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";

export const activityDays = 7;
const day = 24 * 3600 * 1000;

type Candidate = { id: string; title: string; status: ConsultationStatus; closesAt: Date };

export type ActivityRow<T extends Candidate> = T & { comments: number; hearingResponses: number; votes: number; perDay: number[] };

const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: municipalTimeZone, year: "numeric", month: "2-digit", day: "2-digit" });

/** The starts of the last `activityDays` calendar days in Danish time, oldest first (today last). */
export function dayStarts(now = new Date()): Date[] {
  const [y, m, d] = ymd.format(now).split("-").map(Number);
  return Array.from({ length: activityDays }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1, d - (activityDays - 1 - i)));
    return parseLocalDateTime(`${date.toISOString().slice(0, 10)}T00:00`)!;
  });
}

/** Open consultations, and those that closed within the last week, still drawing late readers. */
export function isRecent(c: Candidate, now = new Date()) {
  if (c.status === "open") return true;
  const closedRecently = c.closesAt.getTime() <= now.getTime() && c.closesAt.getTime() >= now.getTime() - activityDays * day;
  return closedRecently && (c.status === "closed" || c.status === "outcome_published" || c.status === "archived");
}

export async function recentActivity<T extends Candidate>(items: T[], now = new Date()): Promise<{ days: Date[]; rows: ActivityRow<T>[] }> {
  const days = dayStarts(now);
  const candidates = items.filter((c) => isRecent(c, now));
  const ids = candidates.map((c) => c.id);
  const polls = await prisma.poll.findMany({ where: { consultationId: { in: ids } }, select: { id: true, consultationId: true } });
  const consultationOfPoll = new Map(polls.map((p) => [p.id, p.consultationId]));
  const windows = days.map((start, i) => ({ gte: start, lt: days[i + 1] ?? new Date(now.getTime() + 1) }));

  // One grouped count per kind and day: each uses the (consultation or poll, …, createdAt) indexes,
  // where fetching the rows of a busy poll would read thousands of ballots.
  const perDay = await Promise.all(
    windows.map((createdAt) =>
      Promise.all([
        prisma.comment.groupBy({
          by: ["consultationId"],
          // The same comments as the figures count: citizens', except those a moderator hid.
          where: { consultationId: { in: ids }, authorUserId: null, status: { not: "hidden" }, createdAt },
          _count: { _all: true },
        }),
        prisma.hearingResponse.groupBy({ by: ["consultationId"], where: { consultationId: { in: ids }, createdAt }, _count: { _all: true } }),
        prisma.pollBallot.groupBy({ by: ["pollId"], where: { pollId: { in: [...consultationOfPoll.keys()] }, createdAt }, _count: { _all: true } }),
      ]),
    ),
  );

  const rows = new Map(candidates.map((c) => [c.id, { ...c, comments: 0, hearingResponses: 0, votes: 0, perDay: days.map(() => 0) }]));
  perDay.forEach(([comments, responses, ballots], i) => {
    for (const g of comments) {
      const row = rows.get(g.consultationId)!;
      row.comments += g._count._all;
      row.perDay[i] += g._count._all;
    }
    for (const g of responses) {
      const row = rows.get(g.consultationId)!;
      row.hearingResponses += g._count._all;
      row.perDay[i] += g._count._all;
    }
    for (const g of ballots) {
      const row = rows.get(consultationOfPoll.get(g.pollId)!)!;
      row.votes += g._count._all;
      row.perDay[i] += g._count._all;
    }
  });
  const total = (r: ActivityRow<T>) => r.comments + r.hearingResponses + r.votes;
  return { days, rows: [...rows.values()].sort((a, b) => total(b) - total(a) || a.title.localeCompare(b.title, "da")) };
}
