import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { listStaffConsultations, summarize } from "~/modules/consultations/consultations.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { can } from "~/modules/auth/roles.ts";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  const [consultations, t] = await Promise.all([
    listStaffConsultations(user.municipalityId),
    getFixedT(request, "admin"),
  ]);
  return {
    consultations,
    summary: summarize(consultations),
    canWrite: can(user.role, "consultation:write"),
    title: t("dashboard.title"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Dashboard() {
  const { consultations, summary, canWrite } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  const lng = i18n.language as Language;
  const tiles = [
    { key: "open", value: summary.open },
    { key: "closingSoon", value: summary.closingSoon },
    { key: "awaitingDecision", value: summary.awaitingDecision },
    { key: "overdue", value: summary.overdue, alert: summary.overdue > 0 },
    { key: "drafts", value: summary.drafts },
  ];
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("dashboard.title")}</h1>
        {canWrite ? (
          <Link to="/admin/consultations/new" className="button">
            {t("layout.newConsultation")}
          </Link>
        ) : null}
      </div>
      <ul className="stat-tiles" aria-label={t("dashboard.statsLabel")}>
        {tiles.map((tile) => (
          <li key={tile.key} className={tile.alert ? "alert" : undefined}>
            <span className="stat-value">{tile.value}</span>
            <span className="stat-label">{t(`dashboard.stats.${tile.key}`)}</span>
          </li>
        ))}
      </ul>
      <h2>{t("dashboard.all")}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.col.title")}</th>
              <th scope="col">{t("dashboard.col.kind")}</th>
              <th scope="col">{t("dashboard.col.status")}</th>
              <th scope="col">{t("dashboard.col.closes")}</th>
              <th scope="col">{t("dashboard.col.decision")}</th>
            </tr>
          </thead>
          <tbody>
            {consultations.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/admin/consultations/${c.id}`}>{c.title}</Link>
                </th>
                <td>
                  <KindBadge kind={c.kind} />
                </td>
                <td>
                  <StatusLabel status={c.status} overdue={c.overdue} />
                </td>
                <td>{formatDateTime(c.closesAt, lng)}</td>
                <td>{formatDate(c.expectedDecisionAt, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
