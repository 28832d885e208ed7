import { parseFigures, type ParticipationFigures } from "./figures.ts";

const frozen: ParticipationFigures = {
  participants: 412,
  comments: 96,
  hearingResponses: 0,
  pollVoters: 287,
  byAgeGroup: { "13-17": 9, "18-24": 14, "25-39": 131, "40-64": 78, "65+": 31 },
  byChannel: { facebook: 116, qr: 55 },
  population: { "13-17": 3712, "18-24": 4389, "25-39": 9874, "40-64": 20416, "65+": 13603 },
};

describe("figures frozen in an outcome report", () => {
  it("read back exactly as they were written", () => {
    expect(parseFigures(JSON.stringify(frozen))).toEqual(frozen);
  });

  it("a snapshot missing numbers still renders, with zeros and no population", () => {
    expect(parseFigures(JSON.stringify({ participants: 12, byAgeGroup: { "13-17": 4, "99+": 3 }, byChannel: { qr: -2, web: "x" } }))).toEqual({
      participants: 12,
      comments: 0,
      hearingResponses: 0,
      pollVoters: 0,
      byAgeGroup: { "13-17": 4, "18-24": 0, "25-39": 0, "40-64": 0, "65+": 0 },
      byChannel: { qr: 0, web: 0 },
      population: null,
    });
  });

  it("no snapshot, or an unreadable one, is no figures", () => {
    expect(parseFigures(null)).toBeNull();
    expect(parseFigures("")).toBeNull();
    expect(parseFigures("{not json")).toBeNull();
    expect(parseFigures("[1, 2]")).toBeNull();
    expect(parseFigures("42")).toBeNull();
  });
});
