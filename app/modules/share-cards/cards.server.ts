/**
 * What goes on a share card, from the database and the translations, and the HTTP answer that
 * serves it. Routes stay thin: they parse the URL and call these.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { getFixedT } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";
import { getPublicConsultation } from "~/modules/consultations/consultations.server.ts";
import { isConsultationKind, type ConsultationKind } from "~/modules/consultations/kinds.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { getPollForCard } from "~/modules/polls/poll-card.server.ts";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import { cardFormats, type CardFormat, type CardInput } from "./card-render.server.ts";
import { cardKey, getCard } from "./card-cache.server.ts";

export type CardTarget = "consultation" | "poll";

/**
 * The channel a card's QR code reports when scanned. Story and post cards are seen on phones and
 * printed, and a scanned code is the "qr" channel whichever app showed it (the share button adds
 * the app's own channel to the link it shares); the link preview's code is seen on the web.
 */
const qrChannel: Record<CardFormat, string> = { story: "qr", post: "qr", og: "web" };

/** Absolute URLs of a consultation's or poll's cards, for pages, meta tags and the open data API. */
export function cardUrls(kind: CardTarget, idOrSlug: string, origin: string, lng?: Language): Record<CardFormat, string> {
  const base = `${origin}/cards/${kind === "consultation" ? "c" : "p"}/${encodeURIComponent(idOrSlug)}`;
  const query = lng ? `?lng=${lng}` : "";
  return Object.fromEntries(cardFormats.map((format) => [format, `${base}/${format}.png${query}`])) as Record<CardFormat, string>;
}

function joinLinks(origin: string, code: string, format: CardFormat) {
  const url = new URL(`/j/${code}`, origin);
  url.searchParams.set("via", qrChannel[format]);
  // What people type: no protocol, no tracking parameter.
  return { joinUrl: url.toString(), shortLinkText: `${url.host}${url.pathname}` };
}

// ---- Municipality logo ----

const logoCache = new Map<string, { mtimeMs: number; svg: string }>();

/**
 * The logo's SVG text, read from public/ (where the site serves it) and kept in memory until the
 * file changes. Only SVG files inside public/ are read; anything else gives a card without logo.
 */
export async function readLogoSvg(logoPath: string | null): Promise<string | null> {
  if (!logoPath || !logoPath.toLowerCase().endsWith(".svg")) return null;
  const root = path.resolve("public");
  const file = path.resolve(root, `.${path.posix.normalize(`/${logoPath}`)}`);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    const { mtimeMs } = await fs.stat(file);
    const cached = logoCache.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.svg;
    const svg = await fs.readFile(file, "utf8");
    logoCache.set(file, { mtimeMs, svg });
    return svg;
  } catch {
    return null;
  }
}

async function municipalityForCard() {
  const m = await getMunicipality();
  return { name: m.name, primaryColor: m.primaryColor, accentColor: m.accentColor, logoSvg: await readLogoSvg(m.logoPath) };
}

async function translators(lng: Language) {
  const [t, tc] = await Promise.all([getFixedT(lng, "sharing"), getFixedT(lng, "consultations")]);
  return { t, kindLabel: (kind: ConsultationKind) => tc(`kind.${kind}.label`) };
}

// ---- Inputs ----

/** The card of a public consultation; null for unknown slugs and drafts. */
export async function consultationCardInput(slug: string, format: CardFormat, lng: Language, origin: string, now = new Date()): Promise<CardInput | null> {
  const [c, municipality, { t, kindLabel }] = await Promise.all([getPublicConsultation(slug, now), municipalityForCard(), translators(lng)]);
  if (!c) return null;
  const date = (d: Date) => formatDateTime(d, lng);
  let deadlineText: string;
  let ctaText: string;
  switch (c.status) {
    case "scheduled":
      deadlineText = t("card.deadline.opens", { date: date(c.opensAt) });
      ctaText = t("card.cta.follow");
      break;
    case "open":
      deadlineText = t(`card.deadline.${c.kind}`, { date: date(c.closesAt) });
      ctaText = t(`card.cta.${c.kind}`);
      break;
    case "closed":
      deadlineText = t("card.deadline.closed", { date: formatDate(c.expectedDecisionAt, lng) });
      ctaText = t("card.cta.follow");
      break;
    default:
      deadlineText = t("card.deadline.decided");
      ctaText = t("card.cta.outcome");
  }
  return {
    format,
    lng,
    municipality,
    kind: c.kind,
    kindLabel: kindLabel(c.kind),
    eyebrow: t(`card.eyebrow.${c.kind}`),
    headline: c.title,
    deadlineText,
    ctaText,
    ...joinLinks(origin, c.joinCode, format),
  };
}

/** The card of a poll: its first question, under the kind of the consultation it belongs to. */
export async function pollCardInput(pollId: string, format: CardFormat, lng: Language, origin: string, now = new Date()): Promise<CardInput | null> {
  const [poll, municipality, { t, kindLabel }] = await Promise.all([getPollForCard(pollId), municipalityForCard(), translators(lng)]);
  if (!poll) return null;
  const kind: ConsultationKind = isConsultationKind(poll.consultation.kind) ? poll.consultation.kind : "participation";
  const { status, closesAt } = poll.consultation;
  const open = !["closed", "outcome_published", "archived"].includes(status) && closesAt > now;
  return {
    format,
    lng,
    municipality,
    kind,
    kindLabel: kindLabel(kind),
    eyebrow: t("card.eyebrow.poll"),
    headline: poll.question,
    deadlineText: open ? t("card.deadline.poll", { date: formatDateTime(closesAt, lng) }) : t("card.deadline.pollClosed"),
    ctaText: open ? t("card.cta.poll") : t("card.cta.outcome"),
    ...joinLinks(origin, poll.joinCode, format),
  };
}

/**
 * The link preview of a consultation page: the og card's URL (with the page's language, so the
 * preview matches the page and needs no Vary) and its alt text. Null for drafts and unknown slugs.
 */
export async function consultationOgImage(slug: string, lng: Language, origin: string): Promise<{ url: string; alt: string } | null> {
  const input = await consultationCardInput(slug, "og", lng, origin);
  if (!input) return null;
  return { url: cardUrls("consultation", slug, origin, lng).og, alt: await cardAltText(input) };
}

/** A description of the card for og:image:alt and img alt: everything it says, in words. */
export async function cardAltText(input: CardInput): Promise<string> {
  const t = await getFixedT(input.lng, "sharing");
  return t("card.alt", {
    municipality: input.municipality.name,
    kind: input.kindLabel,
    headline: input.headline,
    deadline: input.deadlineText,
    link: input.shortLinkText,
  });
}

// ---- HTTP ----

function notFound() {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The PNG answer: an ETag from the cache key, so a client or proxy that has the card revalidates
 * without a render; a short max-age, because the title or deadline may still change.
 */
export async function cardResponse(request: Request, input: CardInput | null, options: { languageFromCookie?: boolean } = {}) {
  if (!input) return notFound();
  const key = cardKey(input);
  const etag = `"${key}"`;
  const headers = new Headers({ "Cache-Control": "public, max-age=300", ETag: etag });
  // Without ?lng= the language comes from the cookie: shared caches must keep them apart.
  if (options.languageFromCookie) headers.set("Vary", "Cookie");
  const match = request.headers.get("If-None-Match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  const { png } = await getCard(input);
  headers.set("Content-Type", "image/png");
  headers.set("Content-Length", String(png.length));
  return new Response(new Uint8Array(png.buffer as ArrayBuffer, png.byteOffset, png.byteLength), { status: 200, headers });
}

export { notFound as cardNotFound };
