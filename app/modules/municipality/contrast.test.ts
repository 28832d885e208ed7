import { contrastRatio, formatRatio, normaliseHexColour, parseHexColour, relativeLuminance } from "./contrast.ts";

describe("reading a hex colour", () => {
  it("takes #rgb and #rrggbb in any case, with spaces around", () => {
    expect(parseHexColour("#fff")).toEqual([255, 255, 255]);
    expect(parseHexColour("#1F4e79")).toEqual([31, 78, 121]);
    expect(parseHexColour("  #0b4f6c\n")).toEqual([11, 79, 108]);
    expect(parseHexColour("#A1c")).toEqual([170, 17, 204]);
  });

  it("refuses everything else, so nothing but a colour reaches the page's CSS", () => {
    for (const bad of ["", "#", "0b4f6c", "fff", "#12345", "#1234", "#1234567", "#0b4f6c00", "#ggg", "red", "rgb(0,0,0)", "# fff", "#0b4f6c;background:url(https://evil.example)", "#0b4f6c #fff"]) {
      expect(parseHexColour(bad), bad).toBeNull();
    }
    for (const notText of [undefined, null, 0x0b4f6c, ["#fff"]]) expect(parseHexColour(notText)).toBeNull();
  });

  it("stores one spelling: #rrggbb in lower case", () => {
    expect(normaliseHexColour(" #ABC ")).toBe("#aabbcc");
    expect(normaliseHexColour("#1F4E79")).toBe("#1f4e79");
    expect(normaliseHexColour("blue")).toBeNull();
  });
});

describe("WCAG 2.1 luminance and contrast", () => {
  it("gives the luminance of black, white and mid grey", () => {
    expect(relativeLuminance("#000")).toBe(0);
    expect(relativeLuminance("#fff")).toBeCloseTo(1, 12);
    expect(relativeLuminance("#808080")).toBeCloseTo(0.2158605, 6);
    // Pure primaries weigh by the spec's coefficients.
    expect(relativeLuminance("#f00")).toBeCloseTo(0.2126, 12);
    expect(relativeLuminance("#0f0")).toBeCloseTo(0.7152, 12);
    expect(relativeLuminance("#00f")).toBeCloseTo(0.0722, 12);
  });

  it("linearises below the 0.04045 threshold by division, above it by the power curve", () => {
    // 10/255 ≈ 0.0392 is below the threshold, 11/255 ≈ 0.0431 above it.
    expect(relativeLuminance("#0a0a0a")).toBeCloseTo(10 / 255 / 12.92, 12);
    expect(relativeLuminance("#0b0b0b")).toBeCloseTo(((11 / 255 + 0.055) / 1.055) ** 2.4, 12);
  });

  it("matches the known ratios of common pairs", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#fff", "#fff")).toBe(1);
    expect(contrastRatio("#777", "#fff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#fff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#595959", "#fff")).toBeCloseTo(7.0, 1);
    expect(contrastRatio("#ff0000", "#ffffff")).toBeCloseTo(4.0, 2);
    expect(contrastRatio("#0000ff", "#ffffff")).toBeCloseTo(8.59, 2);
    expect(contrastRatio("#1f4e79", "#ffffff")).toBeCloseTo(8.66, 2);
  });

  it("does not depend on which colour is the text", () => {
    expect(contrastRatio("#fff", "#1f4e79")).toBe(contrastRatio("#1f4e79", "#fff"));
    expect(contrastRatio([255, 255, 255], [31, 78, 121])).toBe(contrastRatio("#fff", "#1f4e79"));
  });
});

describe("a ratio as shown to people", () => {
  it("uses the language's decimal mark", () => {
    expect(formatRatio(2.93, "da-DK")).toBe("2,9");
    expect(formatRatio(2.93, "en-GB")).toBe("2.9");
    expect(formatRatio(21, "da-DK")).toBe("21");
  });

  it("cuts rather than rounds, so a ratio below a limit never reads as the limit", () => {
    expect(formatRatio(contrastRatio("#777", "#fff"), "da-DK")).toBe("4,4");
    expect(formatRatio(4.5, "da-DK")).toBe("4,5");
    expect(formatRatio(3, "en-GB")).toBe("3");
  });
});
