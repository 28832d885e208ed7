import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ExportKey } from "../export-kinds.ts";

export type ExportLink = { key: ExportKey; href: string; personalData: boolean };

/**
 * The staff page's exports: the print summary for every staff role, and the CSV files this role
 * may download (the loader passes only those, from exportLinksFor).
 */
export function ExportsPanel({ consultationId, links }: { consultationId: string; links: ExportLink[] }) {
  const { t } = useTranslation("reports");
  return (
    <section aria-labelledby="exports-title" className="panel">
      <h2 id="exports-title">{t("exports.title")}</h2>
      <p className="muted small">{t("exports.intro")}</p>
      <p>
        <Link to={`/admin/consultations/${consultationId}/summary`} className="button secondary small">
          {t("exports.summary")}
        </Link>
      </p>
      {links.length > 0 ? (
        <ul className="plain-list">
          {links.map((e) => (
            <li key={e.key}>
              {/* "(CSV)" belongs to the link's name: the page has another "Høringssvar" link, to the responses. */}
              <a href={e.href} download>
                {t(`exports.link.${e.key}`)} <span className="small">({t("exports.csv")})</span>
              </a>
              {e.personalData ? <p className="field-hint">{t("exports.personalData")}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
