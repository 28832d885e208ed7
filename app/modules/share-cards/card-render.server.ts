/**
 * Share cards as PNG: a layout of plain element objects → SVG (satori) → PNG (resvg).
 *
 * Everything a render needs is in memory: fonts are read from node_modules once, when the module
 * loads; the logo and the QR code arrive as SVG strings. A render never touches the network, so
 * it works on a closed municipal network and reveals nothing to a third party.
 */
import QRCode from "qrcode";
import type { ConsultationKind } from "~/modules/consultations/kinds.ts";
import { bestOf, black, contrast, darkInk, inkOn, luminance, mix, parseHex, white } from "./colors.ts";
import { countLines, fontMetrics, type FontMetrics } from "./font-metrics.server.ts";
import { fontFiles } from "./card-raster.mjs";
import { rasterizeCard } from "./card-pool.server.ts";
import { cardSizes, isCardFormat, storyUnsafeBand, type CardFormat } from "./card-sizes.ts";

export { cardFormats, cardSizes, isCardFormat, storyUnsafeBand, type CardFormat } from "./card-sizes.ts";

export type CardInput = {
  format: CardFormat;
  lng: "da" | "en";
  municipality: { name: string; primaryColor: string; accentColor: string; logoSvg: string | null };
  kind: ConsultationKind;
  /** The kind's label, translated ("Høring"). */
  kindLabel: string;
  /** The line above the headline ("Afstemning", "Kommunen vil høre dig"). */
  eyebrow: string;
  /** Consultation title or poll question. */
  headline: string;
  /** Translated, e.g. "Svar senest 11. december 2026 kl. 12.00". */
  deadlineText: string;
  /** Where the QR code leads, with ?via=<channel>. */
  joinUrl: string;
  /** The join link as people type it: host and path, no protocol ("fjordby.dk/j/GBU9PF"). */
  shortLinkText: string;
  /** "Scan eller tryk på linket", "Stem på 10 sekunder". */
  ctaText: string;
};

/**
 * Bump when the design changes: it is part of the cache key, so cards on disk are drawn anew
 * after a deploy that changes how they look.
 */
export const cardDesignVersion = 1;

// ---- Fonts (read once by card-raster.mjs) ----

const DISPLAY = "Bricolage Grotesque";
const TEXT = "Inter";

type Weight = 600 | 800;
const faceFiles = (name: string, weight: number) => fontFiles.find((f) => f.name === name && f.weight === weight)!.files;
const metrics = {
  display: fontMetrics(faceFiles(DISPLAY, 800)),
  text: { 600: fontMetrics(faceFiles(TEXT, 600)), 800: fontMetrics(faceFiles(TEXT, 800)) } as Record<Weight, FontMetrics>,
};

/** Whether every face on the cards has a glyph for each character of `text` (æ, ø, å…). */
export function cardFontsCover(text: string) {
  return [metrics.display, metrics.text[600], metrics.text[800]].every((m) => m.covers(text));
}

// ---- Colours ----

/** Kind colours in two strengths; the one that stands out more on the card's background is used. */
const kindPalette: Record<ConsultationKind, { light: Pill; dark: Pill }> = {
  // The site's kind colours (app.css) as the dark strength, a vivid tint of each as the light one.
  hearing: { light: { bg: "#a9d4ff", fg: "#0a2a66" }, dark: { bg: "#1f4fa8", fg: white } },
  participation: { light: { bg: "#97eab8", fg: "#0b3d1f" }, dark: { bg: "#1e6b3a", fg: white } },
  decision: { light: { bg: "#dcc6ff", fg: "#3b1260" }, dark: { bg: "#6a2c91", fg: white } },
};
type Pill = { bg: string; fg: string };

const fallbackPrimary = "#1f4e79";
const fallbackAccent = "#f2b705";

export type CardPalette = ReturnType<typeof cardPalette>;

/** Every colour on a card, chosen so that all text reaches 4.5:1 on what is behind it. */
export function cardPalette(input: Pick<CardInput, "municipality" | "kind">) {
  const bg = parseHex(input.municipality.primaryColor) ? input.municipality.primaryColor : fallbackPrimary;
  const accent = parseHex(input.municipality.accentColor) ? input.municipality.accentColor : fallbackAccent;
  const ink = inkOn(bg);
  // Tone-on-tone shapes move away from the ink (darker under white text, lighter under dark
  // text), so anything drawn over them only gains contrast.
  const bgShade = ink === white ? mix(bg, "#000000", 0.22) : mix(bg, white, 0.3);
  const worst = (c: string) => Math.min(contrast(c, bg), contrast(c, bgShade));
  // The eyebrow is in the accent colour where it is readable, in the ink otherwise.
  const eyebrow = worst(accent) >= 4.5 ? accent : ink;
  // The deadline sits on an accent chip when the chip stands out from the background.
  const chip = contrast(accent, bg) >= 1.8 ? { bg: accent, fg: inkOn(accent) } : { bg: ink, fg: bestOf(ink, bg, white, darkInk, black) };
  const { light, dark } = kindPalette[input.kind];
  const pill = contrast(light.bg, bg) >= contrast(dark.bg, bg) ? light : dark;
  // The QR code in the brand colour when it is dark enough for any scanner, black otherwise.
  const qr = contrast(bg, white) >= 7 ? bg : "#000000";
  // The edge under white panels: the background's own colour, deepened, or a light grey on a
  // background so pale that the panel needs a visible rim.
  const ledge = luminance(bg) > 0.6 ? "#c9ced6" : mix(bg, "#000000", 0.4);
  // Text on the white QR panel.
  const panelInk = contrast(bg, white) >= 4.5 ? bg : darkInk;
  return { bg, bgShade, accent, ink, eyebrow, chip, pill, qr, panelInk, ledge };
}

// ---- Elements ----

type Style = Record<string, string | number>;
type Child = El | string | null | false;
type El = { type: string; key: null; props: Record<string, unknown> };

/** A plain element object, as satori reads React elements; saves pulling JSX into a .ts module. */
function h(type: string, props: Record<string, unknown> & { style?: Style }, ...children: Child[]): El {
  const kids = children.filter((c): c is El | string => c !== null && c !== false);
  return {
    type,
    key: null,
    props: { ...props, children: kids.length === 0 ? undefined : kids.length === 1 ? kids[0] : kids },
  };
}

const box = (style: Style, ...children: Child[]) => h("div", { style: { display: "flex", ...style } }, ...children);

function svgDataUri(svg: string) {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

async function qrDataUri(url: string, color: string) {
  // Medium error correction survives a cracked screen or a worn poster; the quiet zone is the
  // white panel around it.
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 0, color: { dark: color, light: "#ffffff" } });
  return svgDataUri(svg);
}

/** The largest size from `max` down to `min` at which `text` fits `width` on one line. */
function fitLine(m: FontMetrics, text: string, width: number, max: number, min: number, letterSpacing = 0) {
  for (let size = max; size > min; size -= 1) if (m.measure(text, size, size * letterSpacing) <= width) return size;
  return min;
}

type HeadlineFit = { size: number; lines: number };

const headlineLineHeight = 1.06;
const headlineTracking = -0.02;

/**
 * The largest headline size (in steps of 2 px) at which the text takes no more than `maxLines`
 * lines and fits `maxHeight`; at the smallest size the text is cut with an ellipsis instead.
 */
export function fitHeadline(text: string, width: number, maxHeight: number, max: number, min: number, maxLines: number): HeadlineFit {
  for (let size = max; size >= min; size -= 2) {
    const lines = countLines(metrics.display, text, size, width, size * headlineTracking);
    if (lines <= maxLines && lines * size * headlineLineHeight <= maxHeight) return { size, lines };
  }
  return { size: min, lines: Math.max(1, Math.min(maxLines, Math.floor(maxHeight / (min * headlineLineHeight)))) };
}

function headline(text: string, fit: HeadlineFit, color: string, width: number) {
  return h(
    "div",
    {
      style: {
        display: "block",
        width,
        fontFamily: DISPLAY,
        fontWeight: 800,
        fontSize: fit.size,
        lineHeight: headlineLineHeight,
        letterSpacing: fit.size * headlineTracking,
        color,
        lineClamp: fit.lines,
        wordBreak: "break-word",
      },
    },
    text,
  );
}

/**
 * A darker edge under a shape: the flat "sticker" shadow, drawn as a border because resvg
 * rasterises satori's box-shadow (an SVG filter over the whole card) several times slower.
 */
const shadowEdge = (px: number, color = "rgba(0,0,0,0.25)") => `${px}px solid ${color}`;

function kindPill(label: string, p: CardPalette, size: number) {
  return box(
    {
      backgroundColor: p.pill.bg,
      color: p.pill.fg,
      fontFamily: TEXT,
      fontWeight: 800,
      fontSize: size,
      letterSpacing: size * 0.06,
      textTransform: "uppercase",
      padding: `${Math.round(size * 0.4)}px ${Math.round(size * 0.9)}px`,
      borderRadius: 999,
      borderBottom: shadowEdge(Math.max(3, Math.round(size * 0.14))),
      // A sticker, slapped on a little crooked.
      transform: "rotate(-3deg)",
    },
    label,
  );
}

function eyebrow(text: string, p: CardPalette, size: number, width: number) {
  const fitted = fitLine(metrics.text[800], text.toUpperCase(), width, size, Math.round(size * 0.7), 0.05);
  return h(
    "div",
    {
      style: {
        display: "block",
        width,
        fontFamily: TEXT,
        fontWeight: 800,
        fontSize: fitted,
        lineHeight: 1.2,
        letterSpacing: fitted * 0.05,
        textTransform: "uppercase",
        color: p.eyebrow,
        // One line whatever a translation does: the layout's budget counts on it.
        lineClamp: 1,
      },
    },
    text,
  );
}

/** The deadline on its chip, at most two lines, and the height it takes. */
function deadlineChip(text: string, p: CardPalette, size: number, width: number): [El, number] {
  const padX = Math.round(size * 0.62);
  const padY = Math.round(size * 0.42);
  const edge = Math.max(3, Math.round(size * 0.12));
  const textWidth = width - 2 * padX - 4;
  const fitted = fitLine(metrics.text[800], text, textWidth, size, Math.round(size * 0.72));
  const lines = Math.min(2, countLines(metrics.text[800], text, fitted, textWidth));
  const chip = box(
    {
      backgroundColor: p.chip.bg,
      color: p.chip.fg,
      fontFamily: TEXT,
      fontWeight: 800,
      padding: `${padY}px ${padX}px`,
      borderRadius: Math.round(size * 0.5),
      borderBottom: shadowEdge(edge),
      maxWidth: width,
    },
    h("div", { style: { display: "block", fontSize: fitted, lineHeight: 1.2, lineClamp: 2 } }, text),
  );
  return [box({}, chip), Math.ceil(lines * fitted * 1.2 + 2 * padY + edge)];
}

function brand(input: CardInput, p: CardPalette, size: number, width: number) {
  const { name, logoSvg } = input.municipality;
  const fontSize = fitLine(metrics.text[800], name, width - (logoSvg ? size * 1.3 : 0), Math.round(size * 0.42), Math.round(size * 0.28));
  return box(
    { height: size, alignItems: "center", gap: Math.round(size * 0.28) },
    logoSvg
      ? box(
          { width: size, height: size, backgroundColor: white, borderRadius: Math.round(size * 0.3), alignItems: "center", justifyContent: "center" },
          h("img", { src: svgDataUri(logoSvg), width: Math.round(size * 0.74), height: Math.round(size * 0.74) }),
        )
      : null,
    box({ fontFamily: TEXT, fontWeight: 800, fontSize, color: p.ink }, name),
  );
}

/** The QR code on its white panel with the sticker edge; `size` is the code itself. */
async function qrPanel(input: CardInput, p: CardPalette, size: number, pad: number, radius: number) {
  return box(
    { backgroundColor: white, padding: pad, borderRadius: radius, borderBottom: shadowEdge(Math.round(pad * 0.5), p.ledge) },
    h("img", { src: await qrDataUri(input.joinUrl, p.qr), width: size, height: size }),
  );
}

function background(width: number, height: number, p: CardPalette, shapes: Style[]) {
  return [
    box({ position: "absolute", left: 0, top: 0, width, height, backgroundColor: p.bg }),
    ...shapes.map((style) => box({ position: "absolute", borderRadius: 9999, ...style })),
  ];
}

// ---- Layouts ----

async function story(input: CardInput, p: CardPalette) {
  const { width, height } = cardSizes.story;
  const padX = 88;
  const inner = width - 2 * padX;
  const qrPad = 28;
  const qrMin = 290;
  const qrMax = 390;
  const linkSize = fitLine(metrics.text[800], input.shortLinkText, inner, 50, 28);
  const ctaSize = fitLine(metrics.text[800], input.ctaText, inner, 42, 28);
  // Vertical budget inside the safe area: everything but the headline has a known height.
  const [chip, chipHeight] = deadlineChip(input.deadlineText, p, 40, inner);
  const fixed = 92 + 52 + 84 + 32 + 46 + 18 + 40 + chipHeight + 44 + ctaSize * 1.25 + 22 + (qrMin + 2 * qrPad + 14) + 24 + linkSize * 1.25;
  const safe = height - 2 * storyUnsafeBand;
  const budget = safe - fixed;
  const fit = fitHeadline(input.headline, inner, budget, 132, 68, 5);
  // Height the headline leaves (lines come in whole steps) goes to the QR code, which scans
  // better the larger it is; a little is kept back for rounding in the layout.
  const qr = Math.round(Math.min(qrMax, qrMin + Math.max(0, budget - fit.lines * fit.size * headlineLineHeight - 16)));
  return box(
    { width, height, position: "relative", fontFamily: TEXT },
    ...background(width, height, p, [
      // Shapes only in the bands the apps cover, and in the tone of the background, so they never
      // take contrast from the text.
      { width: 600, height: 600, right: -230, top: -360, backgroundColor: p.accent },
      { width: 300, height: 300, right: 250, top: -210, backgroundColor: p.bgShade },
      // A ring as two discs: a bordered circle becomes a mask and a clip path in satori's SVG.
      { width: 560, height: 560, left: -270, bottom: -350, backgroundColor: p.accent },
      { width: 440, height: 440, left: -210, bottom: -290, backgroundColor: p.bg },
      { width: 240, height: 240, right: 90, bottom: -150, backgroundColor: p.bgShade },
    ]),
    box(
      // Not clipped with overflow: satori turns that into a mask on every element inside, which
      // doubles resvg's time; the budget above and a test keep the content inside instead.
      { position: "absolute", left: padX, top: storyUnsafeBand, width: inner, height: safe, flexDirection: "column" },
      brand(input, p, 92, inner),
      box({ height: 52 }),
      box({ height: 84, alignItems: "center" }, kindPill(input.kindLabel, p, 40)),
      box({ height: 32 }),
      eyebrow(input.eyebrow, p, 38, inner),
      box({ height: 18 }),
      headline(input.headline, fit, p.ink, inner),
      box({ height: 40 }),
      chip,
      box({ flexGrow: 1, minHeight: 44 }),
      box(
        { flexDirection: "column", alignItems: "center" },
        // Read top to bottom: what to do, the code, the link to type.
        box({ fontFamily: TEXT, fontWeight: 800, fontSize: ctaSize, color: p.eyebrow }, input.ctaText),
        box({ height: 22 }),
        await qrPanel(input, p, qr, qrPad, 44),
        box({ height: 24 }),
        box({ fontFamily: TEXT, fontWeight: 800, fontSize: linkSize, color: p.ink }, input.shortLinkText),
      ),
    ),
  );
}

async function post(input: CardInput, p: CardPalette) {
  const { width, height } = cardSizes.post;
  const pad = 80;
  const inner = width - 2 * pad;
  const qr = 236;
  const panelPad = 30;
  const textW = inner - 2 * panelPad - qr - 40;
  const linkSize = fitLine(metrics.text[800], input.shortLinkText, textW, 46, 24);
  const panelH = qr + 2 * panelPad + 14;
  const [chip, chipHeight] = deadlineChip(input.deadlineText, p, 38, inner);
  const fixed = 88 + 44 + 80 + 28 + 46 + 16 + 36 + chipHeight + 40 + panelH;
  const fit = fitHeadline(input.headline, inner, height - 2 * pad - fixed, 120, 60, 5);
  return box(
    { width, height, position: "relative", fontFamily: TEXT },
    ...background(width, height, p, [
      { width: 440, height: 440, right: -190, top: -250, backgroundColor: p.accent },
      { width: 200, height: 200, right: 200, top: -130, backgroundColor: p.bgShade },
    ]),
    box(
      { position: "absolute", left: pad, top: pad, width: inner, height: height - 2 * pad, flexDirection: "column" },
      brand(input, p, 88, inner - 220),
      box({ height: 44 }),
      box({ height: 80, alignItems: "center" }, kindPill(input.kindLabel, p, 38)),
      box({ height: 28 }),
      eyebrow(input.eyebrow, p, 38, inner),
      box({ height: 16 }),
      headline(input.headline, fit, p.ink, inner),
      box({ height: 36 }),
      chip,
      box({ flexGrow: 1, minHeight: 40 }),
      box(
        {
          backgroundColor: white,
          borderRadius: 44,
          padding: panelPad,
          borderBottom: shadowEdge(14, p.ledge),
          alignItems: "center",
          gap: 40,
        },
        h("img", { src: await qrDataUri(input.joinUrl, p.qr), width: qr, height: qr }),
        box(
          { flexDirection: "column", width: textW, gap: 12 },
          box({ fontFamily: TEXT, fontWeight: 600, fontSize: 34, lineHeight: 1.2, color: darkInk }, input.ctaText),
          box({ fontFamily: TEXT, fontWeight: 800, fontSize: linkSize, color: p.panelInk }, input.shortLinkText),
        ),
      ),
    ),
  );
}

async function og(input: CardInput, p: CardPalette) {
  const { width, height } = cardSizes.og;
  const pad = 60;
  const qr = 232;
  const panelW = qr + 2 * 34;
  const left = width - 2 * pad - panelW - 60;
  const linkSize = fitLine(metrics.text[800], input.shortLinkText, panelW - 28, 25, 14);
  const fixed = 64 + 30 + 56 + 24 + 26 + 60;
  const fit = fitHeadline(input.headline, left, height - 2 * pad - fixed, 76, 40, 4);
  return box(
    { width, height, position: "relative", fontFamily: TEXT },
    ...background(width, height, p, [
      // Mostly behind the QR panel: a splash of colour that never sits under text.
      { width: 400, height: 400, right: -100, top: -170, backgroundColor: p.accent },
      { width: 260, height: 260, right: 260, bottom: -200, backgroundColor: p.bgShade },
    ]),
    box(
      { position: "absolute", left: pad, top: pad, width: left, height: height - 2 * pad, flexDirection: "column" },
      brand(input, p, 64, left),
      box({ height: 30 }),
      box({ height: 56, alignItems: "center", gap: 24 }, kindPill(input.kindLabel, p, 26), eyebrow(input.eyebrow, p, 24, left - 250)),
      box({ height: 24 }),
      headline(input.headline, fit, p.ink, left),
      box({ flexGrow: 1, minHeight: 26 }),
      deadlineChip(input.deadlineText, p, 28, left)[0],
    ),
    box(
      {
        position: "absolute",
        right: pad,
        top: 0,
        height,
        flexDirection: "column",
        justifyContent: "center",
      },
      box(
        {
          width: panelW,
          backgroundColor: white,
          borderRadius: 36,
          borderBottom: shadowEdge(12, p.ledge),
          padding: "34px 0 26px",
          flexDirection: "column",
          alignItems: "center",
          gap: 18,
        },
        h("img", { src: await qrDataUri(input.joinUrl, p.qr), width: qr, height: qr }),
        box({ fontFamily: TEXT, fontWeight: 800, fontSize: linkSize, color: p.panelInk }, input.shortLinkText),
      ),
    ),
  );
}

const layouts: Record<CardFormat, (input: CardInput, p: CardPalette) => Promise<El>> = { story, post, og };

/**
 * The card as an element tree: plain data, so it can be handed to a worker thread. Text fitting and
 * the QR code are worked out here; satori and resvg only draw.
 */
export async function buildCardElement(input: CardInput) {
  if (!isCardFormat(input.format)) throw new Error(`Unknown card format: ${String(input.format)}`);
  const text = metrics.text[800];
  const drawn: CardInput = {
    ...input,
    municipality: { ...input.municipality, name: drawable(input.municipality.name, text) },
    kindLabel: drawable(input.kindLabel, text),
    eyebrow: drawable(input.eyebrow, text),
    headline: drawable(input.headline, metrics.display),
    deadlineText: drawable(input.deadlineText, text),
    shortLinkText: drawable(input.shortLinkText, text),
    ctaText: drawable(input.ctaText, text),
  };
  return layouts[input.format](drawn, cardPalette(input));
}

/**
 * The text without characters that no card font has (an emoji in a title, another script):
 * satori would draw a "no glyph" box for each, and no font may be fetched at run time.
 */
function drawable(text: string, m: FontMetrics) {
  const spaced = text.replace(/\s+/g, " ").trim();
  const kept = [...spaced].filter((ch) => ch === " " || m.covers(ch)).join("");
  if (kept === spaced) return spaced;
  // Close the gap a removed character leaves: "cykelsti 🚲!" → "cykelsti!".
  return kept.replace(/ {2,}/g, " ").replace(/ ([,.!?:;])/g, "$1").trim();
}

/** Renders a card to PNG, off the main thread when worker threads are available. */
export async function renderCard(input: CardInput): Promise<Buffer> {
  const element = await buildCardElement(input);
  const { width, height } = cardSizes[input.format];
  return rasterizeCard(element, width, height);
}
