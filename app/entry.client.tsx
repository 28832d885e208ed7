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

async function hydrate() {
  const inlined = window.__i18n;
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
