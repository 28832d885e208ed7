import { channelRows, classify, representation } from "./representation.ts";

const population = { "13-17": 3712, "18-24": 4389, "25-39": 9874, "40-64": 20416, "65+": 13603 };

describe("representation by age group", () => {
  it("a story poll answered by the young shows them over-represented and the old under-represented", () => {
    const summary = representation({ "13-17": 48, "18-24": 21, "25-39": 0, "40-64": 5, "65+": 0 }, population);
    expect(summary.answered).toBe(74);
    expect(summary.totalResidents).toBe(51994);
    const teens = summary.rows.find((r) => r.ageGroup === "13-17")!;
    expect(teens.participantShare).toBeCloseTo(48 / 74, 10);
    expect(teens.residentShare).toBeCloseTo(3712 / 51994, 10);
    // Two thirds of the voices from 7 % of the residents: about nine times their share.
    expect(teens.index).toBeCloseTo(48 / 74 / (3712 / 51994), 10);
    expect(teens.index!).toBeGreaterThan(9);
    expect(summary.over).toEqual(["13-17", "18-24"]);
    expect(summary.under).toEqual(["25-39", "40-64", "65+"]);
  });

  it("answers in proportion to the residents flag no group", () => {
    const summary = representation({ "13-17": 37, "18-24": 44, "25-39": 99, "40-64": 204, "65+": 136 }, population);
    expect(summary.judged).toBe(true);
    expect(summary.rows.map((r) => r.representation)).toEqual(["proportional", "proportional", "proportional", "proportional", "proportional"]);
    expect(summary.over).toEqual([]);
    expect(summary.under).toEqual([]);
  });

  it("the thresholds are 1.5 and 0.67, inclusive", () => {
    expect(classify(1.5)).toBe("over");
    expect(classify(1.49)).toBe("proportional");
    expect(classify(0.67)).toBe("under");
    expect(classify(0.68)).toBe("proportional");
    expect(classify(null)).toBeNull();
  });

  it("too few answers give shares but no verdict", () => {
    const summary = representation({ "13-17": 3, "18-24": 0, "25-39": 0, "40-64": 0, "65+": 0 }, population);
    expect(summary.judged).toBe(false);
    expect(summary.rows[0].participantShare).toBe(1);
    expect(summary.rows.every((r) => r.representation === null)).toBe(true);
    expect(summary.over).toEqual([]);
  });

  it("without population figures there are shares of participants only", () => {
    const summary = representation({ "13-17": 30, "18-24": 10, "25-39": 0, "40-64": 0, "65+": 0 }, null);
    expect(summary.totalResidents).toBeNull();
    expect(summary.judged).toBe(false);
    expect(summary.rows[0]).toMatchObject({ participantShare: 0.75, residents: null, residentShare: null, index: null, representation: null });
  });

  it("nobody answering divides by nothing: all shares are zero and no index is given", () => {
    const summary = representation({ "13-17": 0, "18-24": 0, "25-39": 0, "40-64": 0, "65+": 0 }, population);
    expect(summary.answered).toBe(0);
    expect(summary.rows.every((r) => r.participantShare === 0 && r.index === null)).toBe(true);
  });

  it("a group with no residents entered has no index rather than an infinite one", () => {
    const summary = representation({ "13-17": 20, "18-24": 20, "25-39": 0, "40-64": 0, "65+": 0 }, { ...population, "13-17": 0 });
    expect(summary.rows[0].index).toBeNull();
    expect(summary.rows[0].representation).toBeNull();
  });
});

describe("channels", () => {
  it("are ordered by arrivals, largest first, with their shares, and empty ones dropped", () => {
    expect(channelRows({ web: 10, snapchat: 30, qr: 10, email: 0 })).toEqual({
      total: 50,
      rows: [
        { channel: "snapchat", arrivals: 30, share: 0.6 },
        { channel: "qr", arrivals: 10, share: 0.2 },
        { channel: "web", arrivals: 10, share: 0.2 },
      ],
    });
  });
});
