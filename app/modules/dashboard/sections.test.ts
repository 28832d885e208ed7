import { dashboardSections } from "./sections.ts";
import { isOverdue, effectiveStatus } from "~/modules/consultations/lifecycle.ts";

const now = new Date("2026-11-20T10:00:00Z");
const day = 24 * 3600 * 1000;
const at = (days: number) => new Date(now.getTime() + days * day);

function consultation(id: string, status: string, closes: number, decision: number) {
  const row = { id, status, opensAt: at(-30), closesAt: at(closes), expectedDecisionAt: at(decision) };
  return { ...row, status: effectiveStatus(row, now), overdue: isOverdue(row, now) };
}

describe("the dashboard's phases", () => {
  const items = [
    consultation("open-long", "open", 20, 60),
    consultation("open-soon", "open", 3, 40),
    // Its closing time has passed though the ticker has not written it yet: it is closed.
    consultation("closed-by-date", "open", -1, 30),
    consultation("awaiting", "closed", -10, 5),
    consultation("overdue-old", "closed", -60, -30),
    consultation("overdue-new", "closed", -20, -2),
    consultation("decided", "outcome_published", -90, -60),
    consultation("draft", "draft", 30, 60),
  ];
  const sections = dashboardSections(items, now);

  it("open ones by closing time, and those closing within 7 days also under closing soon", () => {
    expect(sections.open.map((c) => c.id)).toEqual(["open-soon", "open-long"]);
    expect(sections.closingSoon.map((c) => c.id)).toEqual(["open-soon"]);
  });

  it("closed ones wait for a decision until the expected date, then are overdue with the days counted", () => {
    expect(sections.awaitingDecision.map((c) => c.id)).toEqual(["awaiting", "closed-by-date"]);
    expect(sections.overdue.map((c) => [c.id, c.daysOverdue])).toEqual([
      ["overdue-old", 30],
      ["overdue-new", 2],
    ]);
  });

  it("a published outcome is neither awaiting nor overdue, and drafts are only counted", () => {
    const listed = [...sections.open, ...sections.awaitingDecision, ...sections.overdue].map((c) => c.id);
    expect(listed).not.toContain("decided");
    expect(listed).not.toContain("draft");
    expect(sections.drafts).toBe(1);
  });
});
