// The accessibility statement (tilgængelighedserklæring), in the order Danish public bodies use:
// scope, compliance status, what is not accessible, how it was assessed, feedback, enforcement.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { accessibilityStatementPreparedOn, accessibilityStatementReviewedOn } from "~/modules/privacy/dates.ts";
import { privacyStylesHref } from "~/modules/privacy/ui/data-views.tsx";
import { publicOrigin } from "~/utils/env.server.ts";
import { formatDate } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";

export const handle = { i18n: ["common", "privacy"] };

export const links = () => [{ rel: "stylesheet", href: privacyStylesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [municipality, t] = await Promise.all([getMunicipality(), getFixedT(request, "privacy")]);
  const site = new URL(publicOrigin(request)).host;
  return {
    municipality: { name: municipality.name, contactEmail: municipality.contactEmail },
    site,
    meta: { title: t("statement.metaTitle"), description: t("statement.intro", { municipality: municipality.name, site }), siteName: municipality.name },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(data.meta) : []);

const limitations = ["documents", "cards", "qr", "userContent", "language"] as const;
const methods = ["axe", "keyboard", "width", "motion", "contrast"] as const;

export default function AccessibilityStatement() {
  const { municipality, site } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("privacy");
  const lng = i18n.language as Language;
  return (
    <article className="page narrow policy">
      <h1>{t("statement.metaTitle")}</h1>
      <p className="lead">{t("statement.intro", { municipality: municipality.name, site })}</p>

      <h2>{t("statement.status.title")}</h2>
      <p>{t("statement.status.body")}</p>

      <h2>{t("statement.notAccessible.title")}</h2>
      <p>{t("statement.notAccessible.intro")}</p>
      <ul>
        {limitations.map((key) => (
          <li key={key}>{t(`statement.notAccessible.${key}`)}</li>
        ))}
      </ul>

      <h2>{t("statement.method.title")}</h2>
      <p>{t("statement.method.intro")}</p>
      <ul>
        {methods.map((key) => (
          <li key={key}>{t(`statement.method.${key}`)}</li>
        ))}
      </ul>

      <h2>{t("statement.prepared.title")}</h2>
      <p>
        {t("statement.prepared.body", {
          created: formatDate(accessibilityStatementPreparedOn, lng),
          reviewed: formatDate(accessibilityStatementReviewedOn, lng),
        })}
      </p>

      <h2>{t("statement.feedback.title")}</h2>
      {municipality.contactEmail ? (
        <p>
          {t("statement.feedback.body")} <a href={`mailto:${municipality.contactEmail}`}>{municipality.contactEmail}</a>. {t("statement.feedback.answer")}
        </p>
      ) : (
        <p>
          {t("statement.feedback.noContact")} {t("statement.feedback.answer")}
        </p>
      )}

      <h2>{t("statement.enforcement.title")}</h2>
      <p>
        {t("statement.enforcement.body")} <a href="https://digst.dk">digst.dk</a>.
      </p>
    </article>
  );
}
