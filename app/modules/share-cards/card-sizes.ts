/** Card formats and their pixel sizes: shared by the renderer (server) and meta tags (browser too). */
export const cardFormats = ["story", "post", "og"] as const;
export type CardFormat = (typeof cardFormats)[number];

export function isCardFormat(value: unknown): value is CardFormat {
  return typeof value === "string" && (cardFormats as readonly string[]).includes(value);
}

/** Instagram/Snapchat story, Instagram feed portrait, Open Graph link preview. */
export const cardSizes: Record<CardFormat, { width: number; height: number }> = {
  story: { width: 1080, height: 1920 },
  post: { width: 1080, height: 1350 },
  og: { width: 1200, height: 630 },
};

/**
 * Story apps draw their own bars over the top and bottom of a story (profile, progress bar, reply
 * field, link sticker area): no text or QR code may sit in these 250 px.
 */
export const storyUnsafeBand = 250;
