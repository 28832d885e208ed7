import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root.tsx";
import { OfficeHours } from "~/components/office-hours.tsx";

export function SiteFooter() {
  const root = useRootData();
  const { t } = useTranslation();
  const municipality = root?.municipality;
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        {municipality ? (
          <div>
            <p className="footer-name">{municipality.name}</p>
            <OfficeHours municipality={municipality} />
            {municipality.contactEmail ? (
              <p>
                {t("footer.contact")}{" "}
                <a href={`mailto:${municipality.contactEmail}`}>{municipality.contactEmail}</a>
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="footer-product">
          <p>{t("footer.product")}</p>
          <p>
            <Link to="/husregler">{t("footer.houseRules")}</Link>
          </p>
          <p>
            <Link to="/privatliv">{t("footer.privacy", { ns: "privacy" })}</Link>
            <span aria-hidden="true"> · </span>
            <Link to="/tilgaengelighed">{t("footer.accessibility", { ns: "privacy" })}</Link>
            <span aria-hidden="true"> · </span>
            <Link to="/mine-data">{t("footer.myData", { ns: "privacy" })}</Link>
          </p>
        </div>
      </div>
    </footer>
  );
}
