// Trailing underscores: the receipt renders on its own page, not inside the consultation page or the form.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getReceipt } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";
import type { Language } from "~/i18n/config.ts";
import stylesHref from "~/modules/hearing-responses/ui/hearing-responses.css";

export const handle = { i18n: ["common", "consultations", "hearing"] };

export const links = () => [{ rel: "stylesheet", href: stylesHref }];

/**
 * The receipt after sending. The address may be bookmarked, shared or printed, so the page shows
 * no name or e-mail: only the receipt number, when it arrived and the publication choice.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const receipt = await getReceipt(params.slug ?? "", params.receipt ?? "");
  if (!receipt) throw new Response("Not found", { status: 404 });
  const [t, municipality] = await Promise.all([getFixedT(request, "hearing"), getMunicipality()]);
  return { receipt, title: t("receipt.metaTitle", { receipt: receipt.receiptNumber }), siteName: municipality.name };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? pageMeta({ title: data.title, siteName: data.siteName }) : []),
  // A receipt is for its author, not for search engines.
  { name: "robots", content: "noindex" },
];

export default function HearingResponseReceipt() {
  const { receipt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("hearing");
  const lng = i18n.language as Language;
  const c = receipt.consultation;

  return (
    <div className="page narrow hearing-response-page">
      <div className="form-card receipt">
        <div className="card-meta">
          <KindBadge kind="hearing" />
        </div>
        <h1>{t("receipt.title")}</h1>
        <p className="lead">{t("receipt.to", { title: c.title })}</p>
        <dl className="receipt-facts">
          <div>
            <dt>{t("receipt.number")}</dt>
            <dd className="mono receipt-number">{receipt.receiptNumber}</dd>
          </div>
          <div>
            <dt>{t("receipt.received")}</dt>
            <dd>{formatDateTime(receipt.createdAt, lng)}</dd>
          </div>
          <div>
            <dt>{t("receipt.publication")}</dt>
            <dd>{t(`publication.${receipt.publication}.summary`)}</dd>
          </div>
        </dl>
        <h2>{t("receipt.whatHappens")}</h2>
        <p>{t(`receipt.next.${receipt.publication}`)}</p>
        <p>{t("receipt.allRead", { date: formatDate(c.expectedDecisionAt, lng) })}</p>
        <p className="muted">{t("receipt.keep")}</p>
        <p>
          <Link className="button secondary" to={`/c/${c.slug}`}>
            {t("receipt.back")}
          </Link>
        </p>
      </div>
    </div>
  );
}
