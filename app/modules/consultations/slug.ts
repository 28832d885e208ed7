/** Readable URL slugs from Danish titles: "Cykelsti på Åbyvej" → "cykelsti-paa-aabyvej". */
const danish: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", ü: "u", ä: "ae", ö: "oe", é: "e" };

export function slugify(title: string, maxLength = 60): string {
  const slug = title
    .toLowerCase()
    .replace(/[æøåüäöé]/g, (ch) => danish[ch] ?? ch)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug || "raadslag";
}
