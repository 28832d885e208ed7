import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root.tsx";

export function SiteHeader() {
  const root = useRootData();
  const { t } = useTranslation();
  const municipality = root?.municipality;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          {municipality?.logoPath ? (
            <img src={municipality.logoPath} alt="" width={40} height={40} className="brand-logo" />
          ) : null}
          <span className="brand-text">
            <span className="brand-name">{municipality?.name ?? "Rådslag"}</span>
            <span className="brand-product">{t("productTagline")}</span>
          </span>
        </Link>
        <nav aria-label={t("nav.label")} className="site-nav">
          <LanguageSwitch />
          {root?.user ? (
            <>
              <Link to="/admin" className="nav-link">
                {t("nav.admin")}
              </Link>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="nav-link as-link">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="nav-link">
              {t("nav.staffLogin")}
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}

function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const location = useLocation();
  const other = i18n.language === "en" ? "da" : "en";
  const params = new URLSearchParams(location.search);
  params.set("lng", other);
  return (
    <a href={`${location.pathname}?${params}`} className="nav-link" lang={other} hrefLang={other}>
      <span aria-hidden="true" className="lang-icon">
        {other.toUpperCase()}
      </span>{" "}
      {t(`language.${other}`)}
    </a>
  );
}
