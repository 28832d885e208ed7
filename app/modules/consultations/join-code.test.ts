import { generateJoinCode, joinCodeAlphabet, normalizeJoinCode } from "./join-code.ts";
import { slugify } from "./slug.ts";

describe("join codes", () => {
  it("never contain characters that are easy to misread", () => {
    for (let i = 0; i < 200; i++) expect(generateJoinCode()).not.toMatch(/[0O1IL]/);
    expect(joinCodeAlphabet).not.toMatch(/[0O1IL]/);
  });

  it("are read case-insensitively and with stray spaces", () => {
    expect(normalizeJoinCode("  abc234 ")).toBe("ABC234");
  });

  it("refuse look-alikes, punctuation and the wrong length", () => {
    for (const bad of ["AB", "ABCDEFGHJKMNP", "ABC-23", "OIL123", "ÆØÅ234", ""]) {
      expect(normalizeJoinCode(bad)).toBeNull();
    }
  });
});

describe("slugs", () => {
  it("spell Danish letters out so links stay readable", () => {
    expect(slugify("Cykelsti på Åbyvej – nu med høring!")).toBe("cykelsti-paa-aabyvej-nu-med-hoering");
    expect(slugify("Ældreplejen & Ørestad")).toBe("aeldreplejen-oerestad");
  });

  it("always give something usable", () => {
    expect(slugify("!!!")).toBe("raadslag");
    expect(slugify("a".repeat(200)).length).toBeLessThanOrEqual(60);
  });
});
