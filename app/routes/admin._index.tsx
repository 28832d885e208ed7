import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { listStaffConsultations } from "~/modules/consultations/consultations.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { can } from "~/modules/auth/roles.ts";
import type { ConsultationKind } from "~/modules/consultations/kinds.ts";
import { dashboardSections } from "~/modules/dashboard/sections.ts";
import { recentActivity } from "~/modules/dashboard/activity.server.ts";
import { Sparkline } from "~/modules/dashboard/ui/sparkline.tsx";
import styles from "~/modules/dashboard/ui/dashboard.css";
import { collectMunicipalityFigures } from "~/modules/representativeness/figures.server.ts";
import { AgeGroupChart } from "~/modules/representativeness/ui/age-group-chart.tsx";
import { ChannelChart } from "~/modules/representativeness/ui/channel-chart.tsx";
import { formatDate, formatDateTime, formatNumber } from "~/utils/time.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";

export const handle = { i18n: ["common", "admin", "consultations", "dashboard"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The representativeness charts look back a year: long enough to hold several consultations. */
function aYearBefore(now: Date) {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  const now = new Date();
  const since = aYearBefore(now);
  const [consultations, t] = await Promise.all([listStaffConsultations(user.municipalityId, now), getFixedT(request, "dashboard")]);
  const [activity, figures] = await Promise.all([recentActivity(consultations, now), collectMunicipalityFigures(user.municipalityId, since, now)]);
  const sections = dashboardSections(consultations, now);
  const brief = <T extends { id: string; title: string; kind: ConsultationKind; closesAt: Date; expectedDecisionAt: Date }>(c: T) => ({
    id: c.id,
    title: c.title,
    kind: c.kind,
    closesAt: c.closesAt,
    expectedDecisionAt: c.expectedDecisionAt,
  });
  return {
    consultations,
    sections: {
      overdue: sections.overdue.map((c) => ({ ...brief(c), daysOverdue: c.daysOverdue })),
      closingSoon: sections.closingSoon.map(brief),
      open: sections.open.map(brief),
      awaitingDecision: sections.awaitingDecision.map(brief),
      drafts: sections.drafts,
    },
    activity: {
      days: activity.days,
      rows: activity.rows.map((r) => ({ id: r.id, title: r.title, comments: r.comments, hearingResponses: r.hearingResponses, votes: r.votes, perDay: r.perDay })),
    },
    figures,
    since,
    canWrite: can(user.role, "consultation:write"),
    canManageSettings: can(user.role, "settings:manage"),
    title: t("title"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type PhaseKey = "overdue" | "closingSoon" | "open" | "awaitingDecision";

export default function Dashboard() {
  const { consultations, sections, activity, figures, since, canWrite, canManageSettings } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("dashboard");
  const { t: tAdmin } = useTranslation("admin");
  const lng = i18n.language as Language;
  const phases: PhaseKey[] = ["overdue", "closingSoon", "open", "awaitingDecision"];
  const tiles = [
    ...phases.map((key) => ({ key, value: sections[key].length, href: `#${key}`, alert: key === "overdue" && sections.overdue.length > 0 })),
    { key: "drafts", value: sections.drafts, href: "#all", alert: false },
  ];
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("title")}</h1>
        {canWrite ? (
          <Link to="/admin/consultations/new" className="button">
            {tAdmin("layout.newConsultation")}
          </Link>
        ) : null}
      </div>

      <ul className="stat-tiles" aria-label={t("statsLabel")}>
        {tiles.map((tile) => (
          <li key={tile.key} className={tile.alert ? "alert" : undefined}>
            <a className="stat-link" href={tile.href}>
              <span className="stat-value">{formatNumber(tile.value, lng)}</span>
              <span className="stat-label">{t(`stats.${tile.key}`)}</span>
            </a>
          </li>
        ))}
      </ul>

      <div className="phase-grid">
        {phases.map((key) => (
          <PhaseSection key={key} phase={key} items={sections[key]} />
        ))}
      </div>

      <section className="dashboard-block" aria-labelledby="activity">
        <h2 id="activity">{t("activity.title")}</h2>
        <p className="muted">{t("activity.intro")}</p>
        {activity.rows.length === 0 ? <p>{t("activity.empty")}</p> : <ActivityTable activity={activity} />}
      </section>

      <section className="dashboard-block" aria-labelledby="participation">
        <h2 id="participation">{t("participation.title")}</h2>
        <p className="muted">{t("participation.intro", { count: figures.consultations, formatted: formatNumber(figures.consultations, lng), date: formatDate(since, lng) })}</p>
        <ul className="stat-tiles" aria-label={t("participation.figuresLabel")}>
          {(["participants", "comments", "hearingResponses", "pollVoters"] as const).map((key) => (
            <li key={key}>
              <span className="stat-value">{formatNumber(figures[key], lng)}</span>
              <span className="stat-label">{t(`participation.${key}`)}</span>
            </li>
          ))}
        </ul>
        <p className="small muted">{t("participation.participantsNote")}</p>
        <div className="chart-grid">
          <div className="panel">
            <AgeGroupChart figures={figures} />
            {canManageSettings ? (
              <p className="small" style={{ marginTop: "0.75rem" }}>
                <Link to="/admin/settings#population">{t("participation.editPopulation")}</Link>
              </p>
            ) : null}
          </div>
          <div className="panel">
            <ChannelChart figures={figures} />
          </div>
        </div>
      </section>

      <section aria-labelledby="all">
        <h2 id="all">{t("all")}</h2>
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("col.title")}</th>
                <th scope="col">{t("col.kind")}</th>
                <th scope="col">{t("col.status")}</th>
                <th scope="col">{t("col.closes")}</th>
                <th scope="col">{t("col.decision")}</th>
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
      </section>
    </div>
  );
}

function PhaseSection({ phase, items }: { phase: PhaseKey; items: Loaded["sections"][PhaseKey] }) {
  const { t, i18n } = useTranslation("dashboard");
  const lng = i18n.language as Language;
  return (
    <section className={`panel phase-${phase}${items.length > 0 ? " has-items" : ""}`} aria-labelledby={phase}>
      <h2 id={phase}>
        {t(`sections.${phase}.title`)} <span className="phase-count">{formatNumber(items.length, lng)}</span>
      </h2>
      {phase === "overdue" && items.length > 0 ? <p className="small">{t("sections.overdue.intro")}</p> : null}
      {items.length === 0 ? (
        <p className="muted">{t(`sections.${phase}.empty`)}</p>
      ) : (
        <ul className="phase-list">
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/admin/consultations/${c.id}`}>{c.title}</Link>
              <div className="phase-meta">
                <KindBadge kind={c.kind} />
                {"daysOverdue" in c ? (
                  <>
                    <span className="status-label status-overdue">{t("sections.overdueFlag")}</span>
                    <span className="overdue-note">{t("sections.overdueBy", { count: c.daysOverdue, date: formatDate(c.expectedDecisionAt, lng) })}</span>
                  </>
                ) : phase === "awaitingDecision" ? (
                  <span>{t("sections.decisionExpected", { date: formatDate(c.expectedDecisionAt, lng) })}</span>
                ) : (
                  <span>{t("sections.closes", { date: formatDateTime(c.closesAt, lng) })}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivityTable({ activity }: { activity: Loaded["activity"] }) {
  const { t, i18n } = useTranslation("dashboard");
  const lng = i18n.language as Language;
  const dayNames = activity.days.map((d) => formatDate(d, lng, { weekday: "short", day: "numeric", month: "short" }));
  const sum = (key: "comments" | "hearingResponses" | "votes") => activity.rows.reduce((n, r) => n + r[key], 0);
  const perDayTotal = activity.days.map((_, i) => activity.rows.reduce((n, r) => n + r.perDay[i], 0));
  const sparkLabel = (values: number[]) =>
    t("activity.perDayLabel", { days: values.map((count, i) => t("activity.dayValue", { day: dayNames[i], count })).join(", ") });
  return (
    <div className="table-wrap">
      {/* Explicit roles keep it a table for screen readers where phones lay its rows out as cards. */}
      <table className="data-table activity-table" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{t("activity.col.consultation")}</th>
            <th scope="col" role="columnheader">{t("activity.col.comments")}</th>
            <th scope="col" role="columnheader">{t("activity.col.hearingResponses")}</th>
            <th scope="col" role="columnheader">{t("activity.col.votes")}</th>
            <th scope="col" role="columnheader">{t("activity.col.perDay")}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {activity.rows.map((r) => (
            <tr key={r.id} role="row">
              <th scope="row" role="rowheader">
                <Link to={`/admin/consultations/${r.id}`}>{r.title}</Link>
              </th>
              <td role="cell" data-label={t("activity.col.comments")}>{formatNumber(r.comments, lng)}</td>
              <td role="cell" data-label={t("activity.col.hearingResponses")}>{formatNumber(r.hearingResponses, lng)}</td>
              <td role="cell" data-label={t("activity.col.votes")}>{formatNumber(r.votes, lng)}</td>
              <td role="cell" data-label={t("activity.col.perDay")}>
                <Sparkline values={r.perDay} label={sparkLabel(r.perDay)} />
              </td>
            </tr>
          ))}
        </tbody>
        {activity.rows.length > 1 ? (
          <tfoot role="rowgroup">
            <tr role="row">
              <th scope="row" role="rowheader">{t("activity.total")}</th>
              <td role="cell" data-label={t("activity.col.comments")}>{formatNumber(sum("comments"), lng)}</td>
              <td role="cell" data-label={t("activity.col.hearingResponses")}>{formatNumber(sum("hearingResponses"), lng)}</td>
              <td role="cell" data-label={t("activity.col.votes")}>{formatNumber(sum("votes"), lng)}</td>
              <td role="cell" data-label={t("activity.col.perDay")}>
                <Sparkline values={perDayTotal} label={sparkLabel(perDayTotal)} />
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
