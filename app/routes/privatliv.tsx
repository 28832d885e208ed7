// The privacy page: who is responsible, what is stored and why, for how long, the reader's rights
// and the cookies. The municipality's name, contact and retention period come from its settings.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { privacyPolicyUpdatedOn } from "~/modules/privacy/dates.ts";
import { privacyStylesHref } from "~/modules/privacy/ui/data-views.tsx";
import { formatDate } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";

export const handle = { i18n: ["common", "privacy"] };

export const links = () => [{ rel: "stylesheet", href: privacyStylesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [municipality, t] = await Promise.all([getMunicipality(), getFixedT(request, "privacy")]);
  return {
    municipality: { name: municipality.name, contactEmail: municipality.contactEmail, retentionMonths: municipality.retentionMonths },
    meta: { title: t("page.metaTitle"), description: t("page.intro", { municipality: municipality.name }), siteName: municipality.name },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(data.meta) : []);

const storedKinds = ["device", "comments", "hearing", "votes", "following", "staff", "abuse", "logs"] as const;
const sections = ["controller", "stored", "basis", "retention", "rights", "cookies", "thirdParties"] as const;

export default function Privacy() {
  const { municipality } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("privacy");
  const lng = i18n.language as Language;
  const name = municipality.name;
  const cookies = [
    { name: "raadslag_device", purpose: t("page.cookies.device"), lifetime: t("page.cookies.year") },
    { name: "raadslag_voter", purpose: t("page.cookies.voter"), lifetime: t("page.cookies.year") },
    { name: "lng", purpose: t("page.cookies.language"), lifetime: t("page.cookies.year") },
    { name: "raadslag_session", purpose: t("page.cookies.session"), lifetime: t("page.cookies.days", { days: 14 }) },
  ];

  return (
    <article className="page narrow policy">
      <h1>{t("page.metaTitle")}</h1>
      <p className="lead">{t("page.intro", { municipality: name })}</p>
      <p className="muted small">{t("page.updated", { date: formatDate(privacyPolicyUpdatedOn, lng) })}</p>

      <nav className="policy-toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{t("page.toc")}</h2>
        <ol>
          {sections.map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`page.${s}.title`)}</a>
            </li>
          ))}
        </ol>
      </nav>

      <h2 id="controller">{t("page.controller.title")}</h2>
      <p>{t("page.controller.body", { municipality: name })}</p>
      {municipality.contactEmail ? (
        <p>
          {t("page.controller.contact")} <a href={`mailto:${municipality.contactEmail}`}>{municipality.contactEmail}</a>.
        </p>
      ) : (
        <p>{t("page.controller.noContact")}</p>
      )}
      <p>{t("page.controller.dpo")}</p>

      <h2 id="stored">{t("page.stored.title")}</h2>
      {storedKinds.map((kind) => (
        <section key={kind} aria-labelledby={`stored-${kind}`}>
          <h3 id={`stored-${kind}`}>{t(`page.stored.${kind}.title`)}</h3>
          <p>{t(`page.stored.${kind}.body`)}</p>
        </section>
      ))}

      <h2 id="basis">{t("page.basis.title")}</h2>
      <p>{t("page.basis.publicTask")}</p>
      <p>{t("page.basis.consent")}</p>

      <h2 id="retention">{t("page.retention.title")}</h2>
      <p>{t("page.retention.body", { count: municipality.retentionMonths })}</p>
      <p>{t("page.retention.what")}</p>
      <p>{t("page.retention.kept")}</p>
      <p>{t("page.retention.records")}</p>

      <h2 id="rights">{t("page.rights.title")}</h2>
      <p>{t("page.rights.intro")}</p>
      <ul>
        <li>{t("page.rights.access")}</li>
        <li>{t("page.rights.rectification")}</li>
        <li>{t("page.rights.erasure")}</li>
        <li>{t("page.rights.objection")}</li>
      </ul>
      <p>
        {t("page.rights.selfService")} <Link to="/mine-data">{t("footer.myData")}</Link>.
      </p>
      <p>
        {t("page.rights.complaint")} <a href="https://www.datatilsynet.dk">datatilsynet.dk</a>.
      </p>

      <h2 id="cookies">{t("page.cookies.title")}</h2>
      <p>{t("page.cookies.intro")}</p>
      <ul className="cookie-list" aria-label={t("page.cookies.caption")}>
        {cookies.map((c) => (
          <li key={c.name}>
            <p className="cookie-name">
              <code>{c.name}</code>
              <span className="muted small">
                {t("page.cookies.lifetime")}: {c.lifetime}
              </span>
            </p>
            <p>{c.purpose}</p>
          </li>
        ))}
      </ul>
      <p className="small muted cookie-note">
        {t("page.cookies.storage")}
      </p>

      <h2 id="thirdParties">{t("page.thirdParties.title")}</h2>
      <p>{t("page.thirdParties.body")}</p>
      <p>{t("page.thirdParties.mail")}</p>
    </article>
  );
}
