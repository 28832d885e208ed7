import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { loader as consultationCardLoader } from "~/routes/cards.c.$slug.$format[.png].ts";
import { loader as pollCardLoader } from "~/routes/cards.p.$id.$format[.png].ts";
import {
  buildCardElement,
  cardFontsCover,
  cardPalette,
  cardSizes,
  renderCard,
  storyUnsafeBand,
  type CardFormat,
  type CardInput,
} from "./card-render.server.ts";
import { cardCacheStats, cardKey, clearCardMemoryCache, getCard } from "./card-cache.server.ts";
import { cardUrls, consultationCardInput, pollCardInput } from "./cards.server.ts";
import { configureRasterizer } from "./card-pool.server.ts";
import { rasterize } from "./card-raster.mjs";
import { contrast } from "./colors.ts";
import { cardMeta } from "./meta.ts";

const origin = "https://raadslag.fjordby.dk";
const formats: CardFormat[] = ["story", "post", "og"];

/** Width and height from the IHDR chunk, which follows the 8-byte signature. */
function pngSize(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** RGBA rows of a PNG written by card-raster.mjs (8-bit RGBA, no row filter). */
function pngRows(png: Buffer) {
  const { width, height } = pngSize(png);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  return { width, height, pixel: (x: number, y: number) => [...raw.subarray(y * stride + 1 + x * 4, y * stride + 4 + x * 4)] };
}

let seq = 0;

function sampleInput(overrides: Partial<CardInput> = {}): CardInput {
  seq++;
  return {
    format: "story",
    lng: "da",
    municipality: {
      name: "Fjordby Kommune",
      primaryColor: "#0b4f6c",
      accentColor: "#f6c453",
      logoSvg: fs.readFileSync(path.resolve("public/brand/fjordby-logo.svg"), "utf8"),
    },
    kind: "hearing",
    kindLabel: "Høring",
    eyebrow: "Kommunen vil høre dig",
    headline: `Ny cykelsti langs Strandvejen ${seq}`,
    deadlineText: "Svar senest 11. december 2026 kl. 12.00",
    joinUrl: "https://fjordby.dk/j/GBU9PF?via=qr",
    shortLinkText: "fjordby.dk/j/GBU9PF",
    ctaText: "Scan eller tryk på linket",
    ...overrides,
  };
}

async function demoSetup() {
  const municipality = await createMunicipality();
  await prisma.municipality.update({
    where: { id: municipality.id },
    data: { logoPath: "/brand/fjordby-logo.svg", primaryColor: "#0b4f6c", accentColor: "#f6c453" },
  });
  const consultation = await createConsultation(municipality.id, {
    title: "Ny cykelsti langs Strandvejen mellem Fjordby og Strandhøj",
    closesAt: new Date("2030-12-11T11:00:00Z"),
  });
  return { municipality, consultation };
}

function request(url: string, headers: Record<string, string> = {}) {
  return new Request(`${origin}${url}`, { headers });
}

describe("rendering", () => {
  it.each(formats)("a %s card is a PNG of the exact size", async (format) => {
    const { consultation } = await demoSetup();
    const input = await consultationCardInput(consultation.slug, format, "da", origin);
    expect(input).not.toBeNull();
    const png = await renderCard(input!);
    expect(pngSize(png)).toEqual(cardSizes[format]);
  });

  it("the fonts have the Danish letters, and they are drawn as such", async () => {
    expect(cardFontsCover("æøåÆØÅ éü –")).toBe(true);
    const danish = await renderCard(sampleInput({ headline: "Blåbærgrød på Ærø før Ålborg" }));
    const ascii = await renderCard(sampleInput({ headline: "Blaabaergroed paa Aeroe foer Aalborg" }));
    expect(pngSize(danish)).toEqual(cardSizes.story);
    expect(danish.equals(ascii)).toBe(false);
  });

  it.each([
    ["a long headline", { headline: "En meget lang overskrift ".repeat(12) }],
    ["a short headline", { headline: "Ja?" }],
    [
      "long texts everywhere",
      {
        headline: "Hvad skal der ske med den gamle brandstation på Havnevej, når brandvæsenet flytter?",
        eyebrow: "The council wants to hear from you before anything is decided at all",
        deadlineText: "Respond by Wednesday 11 December 2026 at 12:00 – after that the committee decides on 14 January",
        ctaText: "Scan the code or tap the link in the story to send your response",
        shortLinkText: "borgerdialog.ringkobing-skjern-kommune.dk/j/GBU9PFXY",
      },
    ],
  ] as const)("keeps every word and the QR code out of the story bands that the apps cover, with %s", async (_, overrides) => {
    const png = await renderCard(sampleInput(overrides));
    const { width, height, pixel } = pngRows(png);
    // White is the text and the QR panel on this background; the bands may only hold the
    // background and its decorations.
    const isWhite = ([r, g, b]: number[]) => r > 235 && g > 235 && b > 235;
    const whiteRows = (from: number, to: number) => {
      const rows: number[] = [];
      for (let y = from; y < to; y++) for (let x = 0; x < width; x += 2) if (isWhite(pixel(x, y))) { rows.push(y); break; }
      return rows;
    };
    expect(whiteRows(0, storyUnsafeBand)).toEqual([]);
    expect(whiteRows(height - storyUnsafeBand, height)).toEqual([]);
    expect(whiteRows(storyUnsafeBand, height - storyUnsafeBand).length).toBeGreaterThan(500);
  });

  it("renders the same bytes in a worker thread and in this thread", async () => {
    const input = sampleInput({ format: "og" });
    const inWorker = await renderCard(input);
    const element = await buildCardElement(input);
    const inline = await rasterize(element, cardSizes.og.width, cardSizes.og.height);
    expect(inWorker.equals(inline)).toBe(true);
  });

  it("leaves out characters no card font has, instead of drawing boxes", async () => {
    const withEmoji = await renderCard(sampleInput({ format: "og", headline: "Ny cykelsti 🚲 til alle 👍🏽!" }));
    const without = await renderCard(sampleInput({ format: "og", headline: "Ny cykelsti til alle!" }));
    expect(withEmoji.equals(without)).toBe(true);
  });

  it("refuses an unknown format", async () => {
    await expect(renderCard(sampleInput({ format: "square" as CardFormat }))).rejects.toThrow(/Unknown card format/);
  });

  it.each(["#0b4f6c", "#f6c453", "#ffffff", "#000000", "#c8102e", "#777777", "#2e7d32", "#8ab4f8", "not a colour"])(
    "keeps all text readable (4.5:1) on primary colour %s",
    (primaryColor) => {
      for (const kind of ["hearing", "participation", "decision"] as const) {
        for (const accentColor of ["#f6c453", "#0b4f6c", "#ffffff", "#808080", primaryColor]) {
          const p = cardPalette({ kind, municipality: { name: "X", primaryColor, accentColor, logoSvg: null } });
          expect(contrast(p.ink, p.bg)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p.ink, p.bgShade)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p.eyebrow, p.bg)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p.pill.fg, p.pill.bg)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p.chip.fg, p.chip.bg)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p.panelInk, "#ffffff")).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p.qr, "#ffffff")).toBeGreaterThanOrEqual(7);
        }
      }
    },
  );
});

describe("cache", () => {
  it("returns the identical PNG the second time, from memory and then from disk", async () => {
    const input = sampleInput({ format: "og" });
    const before = cardCacheStats();
    const first = await getCard(input);
    const second = await getCard(input);
    expect(second.png.equals(first.png)).toBe(true);
    expect(second.key).toBe(first.key);
    expect(cardCacheStats().renders - before.renders).toBe(1);
    expect(fs.existsSync(path.join(getEnv().dataDir, "cards", `${first.key}.png`))).toBe(true);

    clearCardMemoryCache();
    const third = await getCard(input);
    expect(third.png.equals(first.png)).toBe(true);
    expect(cardCacheStats().renders - before.renders).toBe(1);
    expect(cardCacheStats().diskHits - before.diskHits).toBe(1);
  });

  it("renders again when the title, deadline, colours or language change", async () => {
    const input = sampleInput({ format: "og" });
    const variants = [
      { ...input, headline: `${input.headline}!` },
      { ...input, deadlineText: "Svar senest 12. december 2026 kl. 12.00" },
      { ...input, municipality: { ...input.municipality, primaryColor: "#c8102e" } },
      { ...input, lng: "en" as const },
    ];
    const keys = new Set([input, ...variants].map(cardKey));
    expect(keys.size).toBe(5);
    const before = cardCacheStats().renders;
    const base = await getCard(input);
    const changed = await getCard(variants[0]);
    expect(cardCacheStats().renders - before).toBe(2);
    expect(changed.png.equals(base.png)).toBe(false);
    // Same content in another property order: same card.
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as CardInput;
    expect(cardKey(reordered)).toBe(cardKey(input));
  });

  it("renders a card once however many ask for it at the same moment", async () => {
    const input = sampleInput({ format: "og" });
    const before = cardCacheStats().renders;
    const results = await Promise.all(Array.from({ length: 8 }, () => getCard(input)));
    expect(cardCacheStats().renders - before).toBe(1);
    for (const r of results) expect(r.png.equals(results[0].png)).toBe(true);
  });

  it("renders in this thread when configured to, with the same result", async () => {
    const input = sampleInput({ format: "og" });
    const inWorker = await renderCard(input);
    await configureRasterizer({ mode: "inline" });
    try {
      expect((await renderCard(input)).equals(inWorker)).toBe(true);
    } finally {
      await configureRasterizer({ mode: "worker" });
    }
  });
});

describe("card inputs", () => {
  it("fills a consultation card from the database, in Danish and English", async () => {
    const { consultation } = await demoSetup();
    const da = await consultationCardInput(consultation.slug, "story", "da", origin);
    expect(da).toMatchObject({
      kind: "hearing",
      kindLabel: "Høring",
      headline: "Ny cykelsti langs Strandvejen mellem Fjordby og Strandhøj",
      deadlineText: "Svar senest 11. december 2030 kl. 12.00",
      joinUrl: `${origin}/j/${consultation.joinCode}?via=qr`,
      shortLinkText: `raadslag.fjordby.dk/j/${consultation.joinCode}`,
    });
    expect(da!.municipality.logoSvg).toContain("<svg");
    const en = await consultationCardInput(consultation.slug, "og", "en", origin);
    expect(en).toMatchObject({ kindLabel: "Hearing", deadlineText: "Respond by 11 December 2030 at 12:00" });
    expect(en!.joinUrl).toBe(`${origin}/j/${consultation.joinCode}?via=web`);
  });

  it("has no card for drafts or unknown consultations", async () => {
    const { municipality } = await demoSetup();
    const draft = await createConsultation(municipality.id, { status: "draft" });
    expect(await consultationCardInput(draft.slug, "story", "da", origin)).toBeNull();
    expect(await consultationCardInput("findes-ikke", "story", "da", origin)).toBeNull();
  });

  it("fills a poll card with its question", async () => {
    const { consultation } = await demoSetup();
    const poll = await prisma.poll.create({
      data: {
        consultationId: consultation.id,
        joinCode: `P${Date.now().toString(36).toUpperCase()}`,
        status: "open",
        questions: { create: [{ position: 0, type: "yesno", text: "Skal træerne blive stående?" }] },
      },
    });
    const input = await pollCardInput(poll.id, "story", "da", origin);
    expect(input).toMatchObject({
      eyebrow: "Afstemning",
      headline: "Skal træerne blive stående?",
      ctaText: "Stem på 10 sekunder",
      joinUrl: `${origin}/j/${poll.joinCode}?via=qr`,
    });
    await prisma.poll.update({ where: { id: poll.id }, data: { status: "draft" } });
    expect(await pollCardInput(poll.id, "story", "da", origin)).toBeNull();
  });

  it("gives absolute card URLs and Open Graph tags", () => {
    expect(cardUrls("consultation", "cykelsti", origin)).toEqual({
      story: `${origin}/cards/c/cykelsti/story.png`,
      post: `${origin}/cards/c/cykelsti/post.png`,
      og: `${origin}/cards/c/cykelsti/og.png`,
    });
    expect(cardUrls("poll", "abc", origin, "en").og).toBe(`${origin}/cards/p/abc/og.png?lng=en`);
    expect(cardMeta("https://x/og.png", "Alt")).toEqual(
      expect.arrayContaining([
        { property: "og:image", content: "https://x/og.png" },
        { property: "og:image:width", content: "1200" },
        { property: "og:image:height", content: "630" },
        { property: "og:image:type", content: "image/png" },
        { property: "og:image:alt", content: "Alt" },
        { name: "twitter:image", content: "https://x/og.png" },
      ]),
    );
  });
});

describe("routes", () => {
  const call = (url: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
    consultationCardLoader({ request: request(url, headers), params, context: {} });

  it("serves a PNG with an ETag and answers 304 to a client that has it", async () => {
    const { consultation } = await demoSetup();
    const url = `/cards/c/${consultation.slug}/post.png?lng=en`;
    const res = await call(url, { slug: consultation.slug, format: "post" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(res.headers.get("Vary")).toBeNull();
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual(cardSizes.post);
    const etag = res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await call(url, { slug: consultation.slug, format: "post" }, { "If-None-Match": etag });
    expect(again.status).toBe(304);
  });

  it("answers 404 in plain text for an unknown format, slug, poll or a draft", async () => {
    const { municipality, consultation } = await demoSetup();
    const draft = await createConsultation(municipality.id, { status: "draft" });
    for (const res of [
      await call(`/cards/c/${consultation.slug}/square.png`, { slug: consultation.slug, format: "square" }),
      await call("/cards/c/findes-ikke/og.png", { slug: "findes-ikke", format: "og" }),
      await call(`/cards/c/${draft.slug}/og.png`, { slug: draft.slug, format: "og" }),
      await pollCardLoader({ request: request("/cards/p/nope/og.png"), params: { id: "nope", format: "og" }, context: {} }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    }
  });
});
