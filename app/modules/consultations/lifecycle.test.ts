import { acceptsInput, allowedActions, effectiveStatus, isOverdue, kindIsLocked, statusAfter } from "./lifecycle.ts";

const now = new Date("2026-06-15T10:00:00Z");
const at = (iso: string) => new Date(iso);
const base = {
  opensAt: at("2026-06-01T10:00:00Z"),
  closesAt: at("2026-06-30T10:00:00Z"),
  expectedDecisionAt: at("2026-07-15T10:00:00Z"),
};

describe("the phase gate", () => {
  it("a scheduled consultation opens by itself at its opening time", () => {
    const c = { ...base, status: "scheduled", opensAt: at("2026-06-15T10:00:00Z") };
    expect(effectiveStatus(c, at("2026-06-15T09:59:59Z"))).toBe("scheduled");
    expect(effectiveStatus(c, now)).toBe("open");
  });

  it("input is refused from the closing second, even before the ticker has run", () => {
    const c = { ...base, status: "open", closesAt: now };
    expect(acceptsInput(c, new Date(now.getTime() - 1000))).toBe(true);
    expect(acceptsInput(c, now)).toBe(false);
    expect(effectiveStatus(c, now)).toBe("closed");
  });

  it("a scheduled consultation whose whole period has passed counts as closed", () => {
    const c = { ...base, status: "scheduled", opensAt: at("2026-01-01T00:00:00Z"), closesAt: at("2026-02-01T00:00:00Z") };
    expect(effectiveStatus(c, now)).toBe("closed");
  });

  it("a closed consultation past its decision date without an outcome is overdue", () => {
    const c = { ...base, status: "closed", closesAt: at("2026-05-01T00:00:00Z"), expectedDecisionAt: at("2026-06-01T00:00:00Z") };
    expect(isOverdue(c, now)).toBe(true);
    expect(isOverdue({ ...c, status: "outcome_published" }, now)).toBe(false);
    expect(isOverdue({ ...c, expectedDecisionAt: at("2026-07-01T00:00:00Z") }, now)).toBe(false);
  });

  it("publishing schedules a future consultation and opens a current one", () => {
    const draft = { ...base, status: "draft" };
    expect(allowedActions(draft, now)).toEqual(["publish"]);
    expect(statusAfter("publish", draft, now)).toBe("open");
    expect(statusAfter("publish", { ...draft, opensAt: at("2026-07-01T00:00:00Z"), closesAt: at("2026-08-01T00:00:00Z") }, now)).toBe("scheduled");
  });

  it("archived consultations allow nothing, and the kind locks once citizens could answer", () => {
    expect(allowedActions({ ...base, status: "archived" }, now)).toEqual([]);
    expect(kindIsLocked({ ...base, status: "draft" }, now)).toBe(false);
    expect(kindIsLocked({ ...base, status: "open" }, now)).toBe(true);
  });

  it("an unknown stored status is treated as a draft, never as public", () => {
    expect(effectiveStatus({ ...base, status: "bogus" }, now)).toBe("draft");
  });
});
