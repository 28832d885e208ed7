/**
 * Numbers as the charts write them, through Intl in the reader's language, and the chart colours.
 * Colours are the app's CSS variables with their default values as fallback, so a chart still
 * reads in a page or print view that lacks the stylesheet.
 */
import { intlLocale, type Language } from "~/i18n/config.ts";

export const chartColors = {
  participants: "var(--brand, #0b4f6c)",
  // Grey on white 8.3:1; the residents' bar is also thinner, so the pair differs without colour.
  residents: "var(--ink-soft, #4a525c)",
  track: "#e4e8ec",
  ink: "var(--ink, #1a1d21)",
  inkSoft: "var(--ink-soft, #4a525c)",
} as const;

/** The disclosure that opens a chart's table: a tap target of 44 px, keeping its triangle. */
export const summaryStyle = { cursor: "pointer", padding: "0.65rem 0", fontWeight: 600, color: "var(--brand, #0b4f6c)" } as const;

/** A 0–1 share as a whole percentage; a small non-zero share reads "< 1 %" rather than "0 %". */
export function formatShare(share: number, lng: Language) {
  const format = (n: number) => new Intl.NumberFormat(intlLocale[lng], { style: "percent", maximumFractionDigits: 0 }).format(n);
  if (share > 0 && share < 0.005) return `< ${format(0.01)}`;
  return format(share);
}

/** A representation index with one decimal, e.g. "6,8" in Danish. */
export function formatIndex(index: number, lng: Language) {
  return new Intl.NumberFormat(intlLocale[lng], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(index);
}

/** A threshold as written in the explanation, e.g. "1,5" and "0,67". */
export function formatThreshold(value: number, lng: Language) {
  return new Intl.NumberFormat(intlLocale[lng], { maximumFractionDigits: 2 }).format(value);
}

/** Bar length in percent of the bar area; a non-zero value always shows at least a sliver. */
export function barPercent(value: number, max: number, area: number) {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(0.8, (value / max) * area);
}
