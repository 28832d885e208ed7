import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { houseRules } from "~/modules/moderation/house-rules.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { pageMeta } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const [municipality, t] = await Promise.all([getMunicipality(), getFixedT(request, "moderation")]);
  return {
    rules: houseRules(municipality.houseRules, t),
    meta: { title: t("houseRules.title"), description: t("houseRules.intro"), siteName: municipality.name },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(data.meta) : []);

export default function HouseRules() {
  const { rules } = useLoaderData<typeof loader>();
  const { t } = useTranslation("moderation");
  return (
    <div className="page narrow">
      <h1>{t("houseRules.title")}</h1>
      <p className="lead">{t("houseRules.intro")}</p>
      <ol className="house-rules">
        {rules.map((rule, i) => (
          <li key={i}>{rule}</li>
        ))}
      </ol>
      <h2>{t("houseRules.howTitle")}</h2>
      <p>{t("houseRules.how")}</p>
      <p>{t("houseRules.employees")}</p>
    </div>
  );
}
