import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import i18next, { type Resource } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, isLanguage, fallbackLanguage } from "~/i18n/config.ts";

declare global {
  interface Window {
    /** The page's translations, inlined by the server so hydration needs no further request. */
    __i18n?: { lng: string; resources: Resource };
  }
}

/**
 * The translations are inlined at the end of the streamed document, while Remix loads this module
 * with `async`: on a slow stream (or a cached module) it can run before the parser has reached
 * them, so wait for the document when they are not there yet.
 */
async function inlinedTranslations() {
  if (!window.__i18n && document.readyState === "loading") {
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  }
  return window.__i18n;
}

async function hydrate() {
  const inlined = await inlinedTranslations();
  const lng = inlined && isLanguage(inlined.lng) ? inlined.lng : fallbackLanguage;
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng, resources: inlined?.resources ?? {} });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate().catch((error) => console.error(error));
