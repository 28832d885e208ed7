import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import type { ConsultationKind } from "../kinds.ts";
import type { ConsultationStatus } from "../lifecycle.ts";
import { KindBadge } from "./kind-badge.tsx";
import { StatusLabel } from "./status-label.tsx";

export type CardConsultation = {
  slug: string;
  kind: ConsultationKind;
  status: ConsultationStatus;
  overdue: boolean;
  title: string;
  summary: string;
  opensAt: Date | string;
  closesAt: Date | string;
  expectedDecisionAt: Date | string;
};

export function ConsultationCard({ consultation: c }: { consultation: CardConsultation }) {
  const { t, i18n } = useTranslation("consultations");
  const lng = i18n.language as Language;
  return (
    <article className={`consultation-card accent-${c.kind}`}>
      <div className="card-meta">
        <KindBadge kind={c.kind} />
        {c.status !== "open" ? <StatusLabel status={c.status} overdue={c.overdue} /> : null}
      </div>
      <h3 className="card-title">
        <Link to={`/c/${c.slug}`} className="stretched-link">
          {c.title}
        </Link>
      </h3>
      <p className="card-summary">{c.summary}</p>
      <p className="card-deadline">
        <DeadlineIcon />
        {c.status === "open"
          ? t("card.closes", { date: formatDateTime(c.closesAt, lng) })
          : c.status === "scheduled"
            ? t("card.opens", { date: formatDate(c.opensAt, lng) })
            : c.status === "closed"
              ? t(c.overdue ? "card.decisionOverdue" : "card.decisionExpected", {
                  date: formatDate(c.expectedDecisionAt, lng),
                })
              : t("card.decided")}
      </p>
    </article>
  );
}

function DeadlineIcon() {
  return (
    <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M10 5.5V10l3 2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
