// First, so no schema is built before zod is told to do without eval (see the module).
import "~/utils/zod-without-eval.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import stylesheet from "~/styles/app.css";
import { getFixedT, getLanguage, languageCookie } from "~/i18n/i18next.server.ts";
import { isLanguage, fallbackLanguage } from "~/i18n/config.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { getStaffUser } from "~/modules/auth/session.server.ts";
import { SiteHeader } from "~/components/site-header.tsx";
import { SiteFooter } from "~/components/site-footer.tsx";
import { FocusAfterNavigation } from "~/components/focus-after-navigation.tsx";
import { RealtimeProvider } from "~/modules/realtime/realtime-provider.tsx";
import { useNonce } from "~/utils/nonce.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [lng, municipality, user] = await Promise.all([
    getLanguage(request),
    getMunicipality(),
    getStaffUser(request),
  ]);
  const t = await getFixedT(lng, "common");
  const requested = new URL(request.url).searchParams.get("lng");
  const headers = new Headers();
  // ?lng= switches the language; the cookie keeps the choice for the next visit.
  if (isLanguage(requested)) {
    const secure = new URL(request.url).protocol === "https:";
    headers.append("Set-Cookie", await languageCookie.serialize(requested, { secure }));
  }
  return data(
    {
      lng,
      municipality,
      user: user ? { name: user.name, role: user.role } : null,
      // Error pages render without their own loader data; their titles come from here.
      errorTitles: {
        notFound: t("errors.notFound.title"),
        forbidden: t("errors.forbidden.title"),
        serverError: t("errors.serverError.title"),
        unavailable: t("errors.unavailable.title"),
      },
    },
    { headers },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 503 ? "unavailable" : "serverError";
  const title = data?.errorTitles[key] ?? "Rådslag";
  return [{ title: data ? `${title} · ${data.municipality.name}` : title }];
};

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const lng = root?.lng ?? fallbackLanguage;
  const { i18n } = useTranslation();
  useChangeLanguage(lng);
  const brand = root?.municipality;
  const nonce = useNonce();
  return (
    <html lang={lng} dir={i18n.dir(lng)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {brand ? <meta name="theme-color" content={brand.primaryColor} /> : null}
        <Meta />
        <Links />
      </head>
      <body
        style={
          brand
            ? ({ "--brand": brand.primaryColor, "--accent": brand.accentColor } as React.CSSProperties)
            : undefined
        }
      >
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <RealtimeProvider>
      <Shell>
        <Outlet />
      </Shell>
    </RealtimeProvider>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
      <FocusAfterNavigation />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 503 ? "unavailable" : "serverError";
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Shell>
      <div className="page narrow error-page">
        <p className="eyebrow">{t("errors.status", { status })}</p>
        <h1>{t(`errors.${key}.title`)}</h1>
        <p className="lead">{t(`errors.${key}.body`)}</p>
        <p>
          <a className="button" href="/">
            {t("errors.backHome")}
          </a>
        </p>
      </div>
    </Shell>
  );
}
