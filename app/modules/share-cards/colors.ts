/**
 * Colour arithmetic for the cards: WCAG contrast, so that a municipality's own colours never give
 * a card with unreadable text, whatever the admin picked.
 */
export type Rgb = [number, number, number];

export const white = "#ffffff";
/** Near-black ink for light backgrounds; softer than pure black on a phone screen. */
export const darkInk = "#111418";

/** "#abc" or "#aabbcc" → [r, g, b]; null for anything else. */
export function parseHex(color: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return "#" + [r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("");
}

/** WCAG 2.1 relative luminance. */
export function luminance(color: string): number {
  const rgb = parseHex(color) ?? [0, 0, 0];
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes `color` towards `target` by `amount` (0–1). */
export function mix(color: string, target: string, amount: number): string {
  const a = parseHex(color) ?? [0, 0, 0];
  const b = parseHex(target) ?? [0, 0, 0];
  return toHex(a.map((v, i) => v + (b[i] - v) * amount) as Rgb);
}

export const black = "#000000";

/**
 * White text when it reaches 4.5:1 (WCAG AA for normal text) on the background, dark text otherwise,
 * and pure black on the few mid-tones where the softer dark ink falls short. White or black always
 * reaches it: the worst background (luminance ≈ 0.18) gives 4.58:1 both ways.
 */
export function inkOn(background: string): string {
  if (contrast(white, background) >= 4.5) return white;
  return contrast(darkInk, background) >= 4.5 ? darkInk : black;
}

/** The colour of the two with the higher contrast on the background. */
export function bestOf(background: string, ...candidates: string[]): string {
  return candidates.reduce((best, c) => (contrast(c, background) > contrast(best, background) ? c : best));
}
