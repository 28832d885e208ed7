import type { MetaDescriptor } from "@remix-run/node";
import { cardSizes } from "./card-sizes.ts";

/**
 * Open Graph and Twitter tags for a page's share card (the 1200×630 "og" format). Width, height
 * and type let Facebook, LinkedIn and chat apps lay out the preview before the image arrives.
 */
export function cardMeta(ogUrl: string, alt: string): MetaDescriptor[] {
  const { width, height } = cardSizes.og;
  return [
    { property: "og:image", content: ogUrl },
    { property: "og:image:width", content: String(width) },
    { property: "og:image:height", content: String(height) },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:alt", content: alt },
    { name: "twitter:image", content: ogUrl },
    { name: "twitter:image:alt", content: alt },
  ];
}
