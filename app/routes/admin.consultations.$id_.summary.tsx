// The trailing underscore keeps this page out of the consultation's edit page: it stands alone,
// made for paper. URL: /admin/consultations/:id/summary.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";
import { getConsultationSummary } from "~/modules/reports/summary.server.ts";
import { ConsultationSummarySheet } from "~/modules/reports/ui/summary.tsx";
import { PrintButton } from "~/modules/reports/ui/print-button.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";
import summaryStyles from "~/modules/reports/ui/summary.css";

export const handle = { i18n: ["common", "admin", "consultations", "polls", "discussion", "dashboard", "reports"] };

export const links = () => [{ rel: "stylesheet", href: summaryStyles }];

/**
 * Every staff role may read the summary: it shows counts and what is public, never private
 * responses; a poll's hidden results only to staff who run the consultation.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  const summary = await getConsultationSummary(params.id ?? "", user.municipalityId, publicOrigin(request), {
    seeHiddenResults: can(user.role, "consultation:write"),
  });
  if (!summary) throw new Response("Not found", { status: 404 });
  const t = await getFixedT(request, "reports");
  return { summary, title: t("summary.metaTitle", { title: summary.consultation.title }) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ConsultationSummaryPage() {
  const { summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  return (
    <div className="page summary-page">
      <div className="summary-actions">
        <p className="breadcrumb">
          <Link to={`/admin/consultations/${summary.consultation.id}`}>{summary.consultation.title}</Link>
        </p>
        <div className="summary-print">
          <PrintButton />
          <p className="muted small">{t("summary.printHint")}</p>
        </div>
      </div>
      <ConsultationSummarySheet summary={summary} />
    </div>
  );
}
