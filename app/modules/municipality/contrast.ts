/**
 * Colour arithmetic for the municipality's colours, exactly as WCAG 2.1 defines it: relative
 * luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance) and contrast ratio
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). Pure, so the settings form can show the same
 * numbers in the browser that the server checks.
 */

export type Rgb = readonly [number, number, number];

// "#" is required: a bare "0b4f6c" is far more often a typo of something else than a colour, and
// whatever is stored here ends up in a CSS custom property on every page, so only this exact shape
// may pass.
const hexPattern = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#abc" or "#aabbcc" (any case, surrounding spaces ignored) → [r, g, b] in 0–255; null otherwise. */
export function parseHexColour(input: unknown): Rgb | null {
  if (typeof input !== "string") return null;
  const m = hexPattern.exec(input.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

/** The one stored spelling of a colour: "#aabbcc" in lower case (what `<input type="color">` needs). */
export function normaliseHexColour(input: unknown): string | null {
  const rgb = parseHexColour(input);
  return rgb ? `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}` : null;
}

/** sRGB channel (0–255) → linear light, with WCAG 2.1's threshold of 0.04045. */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.1 relative luminance: 0 for black, 1 for white. */
export function relativeLuminance(colour: Rgb | string): number {
  const rgb = typeof colour === "string" ? parseHexColour(colour) : colour;
  if (!rgb) throw new Error(`Not a hex colour: ${String(colour)}`);
  return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

/** WCAG 2.1 contrast ratio of two colours, from 1 (same) to 21 (black on white); order does not matter. */
export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * A ratio as people read it, "4,4" in Danish and "4.4" in English, "3" for 3: at most one decimal,
 * cut rather than rounded, so that a ratio just below a limit (4.48 against 4.5) never reads as
 * the limit itself.
 */
export function formatRatio(ratio: number, locale: string): string {
  // The epsilon keeps a ratio that is exactly 7 but computed as 6.9999… from reading as 6.9.
  const cut = Math.floor(ratio * 10 + 1e-9) / 10;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(cut);
}
