/**
 * Server side of i18n: detects the language of a request and gives fixed `t` functions to loaders
 * and actions. Resources are read from public/locales once, so the browser and server use the same
 * files and no request waits on disk.
 */
import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import type { Resource } from "i18next";
import { fallbackLanguage, i18nOptions, namespaces, supportedLanguages, type Language } from "./config.ts";

/** The chosen language is remembered for a year; it is a preference, not personal data. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

function loadResources(): Resource {
  const root = path.resolve("public", "locales");
  const resources: Resource = {};
  for (const lng of supportedLanguages) {
    resources[lng] = {};
    for (const ns of namespaces) {
      const file = path.join(root, lng, `${ns}.json`);
      resources[lng][ns] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
  return resources;
}

export const resources = loadResources();

const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // Danish is the default whatever the browser says; ?lng= switches and the cookie remembers.
    order: ["searchParams", "cookie"],
  },
  i18next: { ...i18nOptions, resources },
});

export async function getLanguage(request: Request): Promise<Language> {
  return (await i18next.getLocale(request)) as Language;
}

export async function getFixedT(request: Request | Language, ns: (typeof namespaces)[number] | readonly (typeof namespaces)[number][] = "common") {
  const lng = typeof request === "string" ? request : await getLanguage(request);
  return i18next.getFixedT(lng, ns as never);
}

export default i18next;
