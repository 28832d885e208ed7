/**
 * The outcome report as citizens read it, at the top of the consultation page: the decision, the
 * "you said — we did" points with the input they answer, the documents, and who took part (frozen
 * when the report was published). The editor's preview uses the same component.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Paragraphs } from "~/components/ui/paragraphs.tsx";
import { formatDate } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import type { ParticipationFigures } from "~/modules/representativeness/figures.ts";
import { ParticipationFiguresView } from "./participation-figures.tsx";
import stylesHref from "./outcomes.css";

export const outcomeStylesHref = stylesHref;

export type OutcomeReportView = {
  decision: string;
  publishedAt: Date | string | null;
  points: { id: string; youSaid: string; weDid: string; commentId: string | null; pollId: string | null }[];
  documents: { id: string; title: string; url: string | null; mimeType: string | null; sizeBytes: number | null }[];
  figures: ParticipationFigures | null;
};

export function OutcomeReport({ report, decidedBy, headingLevel = 2 }: { report: OutcomeReportView; decidedBy: string; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation("outcomes");
  const lng = i18n.language as Language;
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section className="outcome outcome-report" aria-labelledby="outcome-title">
      <p className="outcome-kicker">{t("report.kicker")}</p>
      <H id="outcome-title">{t("report.title")}</H>
      <p className="muted">
        {report.publishedAt ? t("report.published", { date: formatDate(report.publishedAt, lng), decidedBy }) : t("report.draft")}
      </p>
      <div className="outcome-decision">
        <Paragraphs text={report.decision} />
      </div>

      {report.points.length > 0 ? (
        <>
          <Sub>{t("report.youSaidWeDid")}</Sub>
          <ul className="you-said-we-did">
            {report.points.map((p) => (
              <li key={p.id}>
                <p>
                  <strong>{t("report.youSaid")}</strong> {p.youSaid}
                </p>
                <p>
                  <strong>{t("report.weDid")}</strong> {p.weDid}
                </p>
                {p.commentId ? (
                  <p className="small">
                    <a href={`#c-${p.commentId}`}>{t("report.seeComment")}</a>
                  </p>
                ) : p.pollId ? (
                  <p className="small">
                    <Link to={`/p/${p.pollId}`}>{t("report.seePoll")}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {report.documents.length > 0 ? (
        <>
          <Sub>{t("report.documents")}</Sub>
          <ul className="documents">
            {report.documents.map((d) => (
              <li key={d.id}>
                <a href={d.url ?? `/documents/${d.id}`}>{d.title}</a>
                {d.mimeType ? <span className="muted small"> {t("report.fileInfo", { type: d.mimeType === "application/pdf" ? "PDF" : t("report.image"), size: Math.max(1, Math.round((d.sizeBytes ?? 0) / 1024)) })}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {report.figures ? (
        <>
          <Sub>{t("report.whoTookPart")}</Sub>
          <ParticipationFiguresView figures={report.figures} />
        </>
      ) : null}
    </section>
  );
}
