/** Languages and namespaces shared by the server and the browser. Danish first. */
export const supportedLanguages = ["da", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "da";
export const defaultNS = "common";
/** One namespace per module, plus the shell's. Each is a file in public/locales/<lng>/. */
export const namespaces = ["common", "consultations", "admin", "auth", "discussion", "moderation", "hearing", "postDrafts", "polls", "sharing", "mail", "follow", "outcomes", "dashboard", "reports", "privacy"] as const;
export type Namespace = (typeof namespaces)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl: Danish as written in Denmark, English with day-month order. */
export const intlLocale: Record<Language, string> = { da: "da-DK", en: "en-GB" };

export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS,
  ns: [...namespaces],
  interpolation: { escapeValue: false },
} as const;
