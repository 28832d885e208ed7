import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { contrastRatio, normaliseHexColour } from "./contrast.ts";
import { colourProblem, normalTextRatio, primaryAsTextRatio, primaryTextBackgrounds, whiteOnPrimaryRatio } from "./colour-rules.ts";

describe("which colours a municipality may choose", () => {
  it("accepts the demo's and the default colours", () => {
    for (const primary of ["#0b4f6c", "#1f4e79", "#14532d", "#B3261E"]) expect(colourProblem("primaryColor", primary), primary).toBeNull();
    for (const accent of ["#f6c453", "#f2b705"]) expect(colourProblem("accentColor", accent), accent).toBeNull();
  });

  it("refuses a primary colour too light for the white header text, with the measured and required ratio", () => {
    const problem = colourProblem("primaryColor", "#f6c453");
    expect(problem).toMatchObject({ key: "settings.validation.primaryWhiteText", required: 4.5 });
    expect(problem && "ratio" in problem ? problem.ratio : null).toBeCloseTo(1.55, 2);
    // The grey that just passes on white (#767676, 4.54:1) fails here: the header's tagline is
    // white at 90 %, which a plain white-on-colour check would miss.
    expect(contrastRatio("#fff", "#767676")).toBeGreaterThan(4.5);
    expect(colourProblem("primaryColor", "#767676")?.key).toBe("settings.validation.primaryWhiteText");
  });

  it("refuses a primary colour that carries white text but is too light as link text on the footer's grey", () => {
    expect(whiteOnPrimaryRatio("#6d6d6d")).toBeGreaterThanOrEqual(normalTextRatio);
    const problem = colourProblem("primaryColor", "#6d6d6d");
    expect(problem?.key).toBe("settings.validation.primaryAsText");
    expect(problem && "ratio" in problem ? problem.ratio : null).toBeCloseTo(contrastRatio("#6d6d6d", primaryTextBackgrounds.footer), 10);
    // One step darker passes both.
    expect(colourProblem("primaryColor", "#6b6b6b")).toBeNull();
  });

  it("measures the primary colour as text against the darkest light background it sits on", () => {
    const darkest = Math.min(...Object.values(primaryTextBackgrounds).map((bg) => contrastRatio("#1f4e79", bg)));
    expect(primaryAsTextRatio("#1f4e79")).toBe(darkest);
    expect(darkest).toBeLessThan(contrastRatio("#1f4e79", "#ffffff"));
  });

  it("asks no contrast of the accent, which only draws decorative edges, but still a real colour", () => {
    expect(colourProblem("accentColor", "#ffffff")).toBeNull();
    expect(colourProblem("accentColor", "yellow")).toEqual({ key: "settings.validation.colourFormat" });
    expect(colourProblem("primaryColor", "#0b4f6c;color:red")).toEqual({ key: "settings.validation.colourFormat" });
  });

  it("is measured against the backgrounds and tagline the stylesheet really draws", () => {
    // The rules copy these from app.css; when the stylesheet changes them, the rules must follow.
    const css = fs.readFileSync(path.resolve("app/styles/app.css"), "utf8").toLowerCase();
    for (const [name, hex] of Object.entries(primaryTextBackgrounds)) expect(css.includes(hex), `${name} ${hex} in app.css`).toBe(true);
    expect(/\.site-footer\s*{[^}]*background:\s*#e9edf1/.test(css)).toBe(true);
    expect(/\.chip-on\s*{[^}]*background:\s*#e6eff5[^}]*color:\s*var\(--brand\)/.test(css)).toBe(true);
    expect(/\.brand-product\s*{[^}]*opacity:\s*0\.9;/.test(css)).toBe(true);
  });

  it("answers any input with null or a known message, never an exception", () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);
    const field = fc.constantFrom("primaryColor" as const, "accentColor" as const);
    fc.assert(
      fc.property(fc.oneof(hex, fc.string(), fc.anything()), field, (value, f) => {
        const problem = colourProblem(f, value);
        if (!problem) {
          expect(normaliseHexColour(value)).not.toBeNull();
        } else if (problem.key === "settings.validation.colourFormat") {
          expect(normaliseHexColour(value)).toBeNull();
        } else {
          expect(f).toBe("primaryColor");
          expect(problem.ratio).toBeLessThan(problem.required);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
