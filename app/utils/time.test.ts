import { formatDateTime, parseLocalDateTime, toLocalDateTimeInput } from "./time.ts";

describe("Danish time", () => {
  it("reads form times as Danish wall-clock time, in summer and in winter", () => {
    expect(parseLocalDateTime("2026-07-01T12:00")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(parseLocalDateTime("2026-01-15T12:00")?.toISOString()).toBe("2026-01-15T11:00:00.000Z");
  });

  it("round-trips through the form field across a daylight-saving change", () => {
    for (const value of ["2026-03-29T03:30", "2026-10-25T01:15", "2026-12-31T23:59"]) {
      const date = parseLocalDateTime(value)!;
      expect(toLocalDateTimeInput(date)).toBe(value);
    }
  });

  it("refuses impossible dates instead of rolling them over", () => {
    for (const bad of ["2026-02-30T12:00", "2026-13-01T12:00", "2026-01-01T24:00", "i morgen", ""]) {
      expect(parseLocalDateTime(bad)).toBeNull();
    }
  });

  it("shows the same clock time whatever zone the server runs in", () => {
    expect(formatDateTime(new Date("2026-12-11T11:00:00Z"), "da")).toBe("11. december 2026 kl. 12.00");
    expect(formatDateTime(new Date("2026-12-11T11:00:00Z"), "en")).toBe("11 December 2026 at 12:00");
  });
});
