/**
 * The staff dashboard's phases: what is open, what closes within a week, what waits for a
 * decision, and what is overdue (closed, past its expected decision date, no published outcome).
 * Pure, from the list the staff area already loads, so the counts and the lists always agree.
 */
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";

const day = 24 * 3600 * 1000;
export const closingSoonDays = 7;

type Listed = { id: string; status: ConsultationStatus; overdue: boolean; closesAt: Date; expectedDecisionAt: Date };

export type DashboardSections<T extends Listed> = {
  open: T[];
  closingSoon: T[];
  awaitingDecision: T[];
  overdue: (T & { daysOverdue: number })[];
  drafts: number;
};

export function dashboardSections<T extends Listed>(items: T[], now = new Date()): DashboardSections<T> {
  const open = items.filter((c) => c.status === "open").sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime());
  const byDecision = (a: T, b: T) => a.expectedDecisionAt.getTime() - b.expectedDecisionAt.getTime();
  return {
    open,
    closingSoon: open.filter((c) => c.closesAt.getTime() - now.getTime() < closingSoonDays * day),
    // `overdue` already means closed, past the expected date and without a published outcome.
    awaitingDecision: items.filter((c) => c.status === "closed" && !c.overdue).sort(byDecision),
    overdue: items
      .filter((c) => c.overdue)
      .sort(byDecision)
      .map((c) => ({ ...c, daysOverdue: Math.max(1, Math.floor((now.getTime() - c.expectedDecisionAt.getTime()) / day)) })),
    drafts: items.filter((c) => c.status === "draft").length,
  };
}
