import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import type { ConsultationStatus } from "../lifecycle.ts";

type Props = {
  status: ConsultationStatus;
  overdue: boolean;
  opensAt: Date | string;
  closesAt: Date | string;
  expectedDecisionAt: Date | string;
  outcomePublishedAt?: Date | string | null;
};

/** Where the consultation is in its life, so a citizen sees what comes next and when. */
export function Timeline(p: Props) {
  const { t, i18n } = useTranslation("consultations");
  const lng = i18n.language as Language;
  const reached = ["open", "closed", "outcome_published", "archived"].includes(p.status);
  const closed = ["closed", "outcome_published", "archived"].includes(p.status);
  const decided = p.status === "outcome_published" || (p.status === "archived" && !!p.outcomePublishedAt);
  const steps = [
    { key: "opens", date: formatDate(p.opensAt, lng), done: reached, current: p.status === "scheduled" },
    { key: "closes", date: formatDateTime(p.closesAt, lng), done: closed, current: p.status === "open" },
    {
      key: p.overdue ? "decisionOverdue" : "decision",
      date: formatDate(p.outcomePublishedAt ?? p.expectedDecisionAt, lng),
      done: decided,
      current: p.status === "closed",
    },
  ];
  return (
    <ol className="timeline">
      {steps.map((s) => (
        <li key={s.key} className={s.done ? "done" : s.current ? "current" : "todo"} aria-current={s.current ? "step" : undefined}>
          <span className="timeline-dot" aria-hidden="true" />
          <span className="timeline-label">{t(`timeline.${s.key}`)}</span>
          <span className="timeline-date">{s.date}</span>
          <span className="visually-hidden">
            {s.done ? t("timeline.doneHint") : s.current ? t("timeline.currentHint") : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}
