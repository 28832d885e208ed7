import type { MetaDescriptor } from "@remix-run/node";

/** Title, description and the Open Graph / Twitter basics every public page carries. */
export function pageMeta({ title, description, siteName }: { title: string; description?: string; siteName?: string }): MetaDescriptor[] {
  const fullTitle = siteName ? `${title} · ${siteName}` : title;
  const tags: MetaDescriptor[] = [
    { title: fullTitle },
    { property: "og:title", content: title },
    { property: "og:type", content: "website" },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: title },
  ];
  if (siteName) tags.push({ property: "og:site_name", content: siteName });
  if (description) {
    tags.push(
      { name: "description", content: description },
      { property: "og:description", content: description },
      { name: "twitter:description", content: description },
    );
  }
  return tags;
}
