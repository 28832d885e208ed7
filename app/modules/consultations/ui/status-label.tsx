import { useTranslation } from "react-i18next";
import type { ConsultationStatus } from "../lifecycle.ts";

export function StatusLabel({ status, overdue }: { status: ConsultationStatus; overdue?: boolean }) {
  const { t } = useTranslation("consultations");
  const key = overdue ? "overdue" : status;
  return <span className={`status-label status-${key}`}>{t(`status.${key}`)}</span>;
}
