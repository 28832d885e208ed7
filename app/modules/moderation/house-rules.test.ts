import { houseRules, ruleCount } from "./house-rules.ts";

const t = (key: string) => `[${key}]`;

describe("house rules", () => {
  it("default to the four rules from the seed documents, in the reader's language", () => {
    expect(houseRules(null, t)).toEqual([1, 2, 3, 4].map((n) => `[houseRules.default.${n}]`));
    expect(ruleCount(null)).toBe(4);
  });

  it("a municipality's own rules are one a line, numbering and blank lines ignored", () => {
    const own = "1. Hold dig til emnet\n\n2) Vær venlig\n   Ingen reklame  ";
    expect(houseRules(own, t)).toEqual(["Hold dig til emnet", "Vær venlig", "Ingen reklame"]);
    expect(ruleCount(own)).toBe(3);
  });
});
