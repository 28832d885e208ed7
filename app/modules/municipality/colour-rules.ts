/**
 * Which contrast the municipality's two colours must reach, derived from where the site draws them
 * (app/styles/app.css, where they arrive as --brand and --accent; the share cards and e-mails pick
 * their own text colours, see share-cards/colors.ts and mail/compose.server.ts).
 *
 * Primary colour (--brand):
 * - It is the background of white text: the site header (municipality name, navigation, language
 *   switch, its white focus ring), every `.button`, the active admin tab, the staff badge in the
 *   debate (0.8rem bold) and a chosen poll answer. All of it is normal-size text, so white on the
 *   colour needs 4.5:1 (WCAG 1.4.3). The palest of it is the header's tagline ("Borgerinddragelse",
 *   0.85rem, white at 90 % opacity, i.e. blended a tenth towards the colour), so that is what is
 *   measured.
 * - It is itself a text colour on light backgrounds: links, secondary buttons, a pressed support
 *   button (on #e6eff5) and the links in the footer (on #e9edf1, the darkest of them). Normal text
 *   again: 4.5:1 against each of those backgrounds.
 * - It also draws non-text parts (left edges of notices, the current step of the timeline, chart
 *   bars, chip borders), which need 3:1 (WCAG 1.4.11) against the same light backgrounds; the 4.5:1
 *   text rule above already covers them.
 *
 * Accent colour (--accent): only decorative edges (the promise box, the top of a poll card, the
 * frame around a poll teaser), next to headings and buttons that carry the meaning on their own.
 * No text is ever drawn on it or in it on the site, so WCAG sets no minimum, and none is enforced:
 * the demo's yellow (#f6c453, 1.6:1 on white) is a fine accent. On share cards it becomes a text
 * or chip colour only where the card's own palette finds it readable. A new use of the accent for
 * text or for a control's boundary must add its rule here.
 */
import { contrastRatio, normaliseHexColour, parseHexColour, type Rgb } from "./contrast.ts";

export const normalTextRatio = 4.5;
export const nonTextRatio = 3;

const white = "#ffffff";

/** The light backgrounds that text in the primary colour sits on (app.css). */
export const primaryTextBackgrounds = {
  paper: "#ffffff",
  canvas: "#f4f6f8",
  notice: "#eef4f8",
  officialComment: "#f2f7fb",
  pressedChip: "#e6eff5",
  footer: "#e9edf1",
} as const;

export type ColourField = "primaryColor" | "accentColor";

/** A colour that is refused: an i18n key in `admin` and, for contrast, the numbers for its message. */
export type ColourProblem =
  | { key: "settings.validation.colourFormat" }
  | { key: "settings.validation.primaryWhiteText" | "settings.validation.primaryAsText"; ratio: number; required: number };

/** The lowest contrast of the primary colour as text on any of the light backgrounds. */
export function primaryAsTextRatio(primary: string): number {
  return Math.min(...Object.values(primaryTextBackgrounds).map((bg) => contrastRatio(primary, bg)));
}

/** How the header's tagline is drawn: `opacity: 0.9` on white text (app.css, .brand-product). */
const taglineOpacity = 0.9;

/** `colour` at `alpha` over `background`, as a browser composites it: per sRGB channel, in 8 bits. */
function overlay(colour: Rgb, alpha: number, background: Rgb): Rgb {
  const channel = (i: 0 | 1 | 2) => Math.round(colour[i] * alpha + background[i] * (1 - alpha));
  return [channel(0), channel(1), channel(2)];
}

/** The contrast of the palest white text on the primary colour: the header's tagline. */
export function whiteOnPrimaryRatio(primary: string): number {
  const bg = parseHexColour(primary);
  if (!bg) throw new Error(`Not a hex colour: ${primary}`);
  return contrastRatio(overlay(parseHexColour(white)!, taglineOpacity, bg), bg);
}

/**
 * What is wrong with a colour typed for `field`, or null when it may be stored. White text is
 * checked first: when both fail, that is the one an admin sees and understands at once.
 */
export function colourProblem(field: ColourField, input: unknown): ColourProblem | null {
  const hex = normaliseHexColour(input);
  if (!hex) return { key: "settings.validation.colourFormat" };
  if (field === "accentColor") return null;
  const whiteText = whiteOnPrimaryRatio(hex);
  if (whiteText < normalTextRatio) return { key: "settings.validation.primaryWhiteText", ratio: whiteText, required: normalTextRatio };
  const asText = primaryAsTextRatio(hex);
  if (asText < normalTextRatio) return { key: "settings.validation.primaryAsText", ratio: asText, required: normalTextRatio };
  return null;
}
