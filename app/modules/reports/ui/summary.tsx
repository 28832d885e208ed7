import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { intlLocale, type Language } from "~/i18n/config.ts";
import { formatDate, formatDateTime, formatNumber } from "~/utils/time.ts";
import { Paragraphs } from "~/components/ui/paragraphs.tsx";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";
import { OptionLabel } from "~/modules/polls/ui/poll-results.tsx";
import type { ParticipationFigures } from "~/modules/representativeness/figures.ts";
import { AgeGroupChart } from "~/modules/representativeness/ui/age-group-chart.tsx";
import { ChannelChart } from "~/modules/representativeness/ui/channel-chart.tsx";
import type { ConsultationKind } from "~/modules/consultations/kinds.ts";
import type { SummaryPoll } from "../summary.server.ts";

type DateLike = Date | string;

/** What the summary page renders; dates may arrive as strings after serialisation. */
export type SummaryView = {
  municipality: string;
  consultation: {
    id: string;
    title: string;
    summary: string;
    kind: ConsultationKind;
    status: ConsultationStatus;
    overdue: boolean;
    promise: string;
    decidedBy: string;
    opensAt: DateLike;
    closesAt: DateLike;
    expectedDecisionAt: DateLike;
    publicUrl: string | null;
    joinUrl: string | null;
  };
  documents: { id: string; title: string; url: string; purpose: "background" | "outcome" }[];
  figures: ParticipationFigures;
  polls: SummaryPoll[];
  topComments: {
    id: string;
    parentId: string | null;
    authorName: string;
    authorRole: string | null;
    body: string;
    supportCount: number;
    createdAt: DateLike;
  }[];
  hearing: {
    total: number;
    named: number;
    anonymous: number;
    private: number;
    moderated: number;
    published: { id: string; receiptNumber: string; authorLabel: string | null; organisation: string | null; body: string; createdAt: DateLike }[];
  } | null;
  outcome: { decision: string; publishedAt: DateLike | null; points: { id: string; youSaid: string; weDid: string }[] } | null;
  generatedAt: DateLike;
};

function useLanguage() {
  const { i18n } = useTranslation();
  return i18n.language as Language;
}

/** The summary as one sheet: readable on screen, made for A4 (see summary.css). */
export function ConsultationSummarySheet({ summary: s, figuresSection }: { summary: SummaryView; figuresSection?: ReactNode }) {
  const { t } = useTranslation("reports");
  const lng = useLanguage();
  return (
    <article className="summary-sheet" aria-labelledby="summary-title">
      <header className="summary-header">
        <p className="eyebrow">
          {s.municipality} · {t("summary.eyebrow")}
        </p>
        <h1 id="summary-title">{s.consultation.title}</h1>
        <div className="card-meta">
          <KindBadge kind={s.consultation.kind} />
          <StatusLabel status={s.consultation.status} overdue={s.consultation.overdue} />
        </div>
        <p className="summary-generated muted small">{t("summary.generated", { date: formatDateTime(s.generatedAt, lng) })}</p>
      </header>
      <AboutSection summary={s} />
      {figuresSection ?? <FiguresSection figures={s.figures} kind={s.consultation.kind} />}
      <PollsSection polls={s.polls} />
      <CommentsSection comments={s.topComments} />
      {s.hearing ? <HearingSection hearing={s.hearing} /> : null}
      {s.outcome ? <OutcomeSection outcome={s.outcome} documents={s.documents.filter((d) => d.purpose === "outcome")} /> : null}
    </article>
  );
}

function Section({ id, title, children, className = "" }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`summary-section ${className}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function AboutSection({ summary: s }: { summary: SummaryView }) {
  const { t } = useTranslation("reports");
  const { t: tc } = useTranslation("consultations");
  const lng = useLanguage();
  const c = s.consultation;
  const closed = ["closed", "outcome_published", "archived"].includes(c.status);
  const opened = c.status !== "draft" && c.status !== "scheduled";
  return (
    <Section id="about" title={t("summary.about")} className="summary-about">
      <p className="summary-lead">{c.summary}</p>
      <dl className="summary-facts">
        <div className="wide">
          <dt>{t("summary.kind")}</dt>
          <dd>
            <strong>{tc(`kind.${c.kind}.label`)}</strong> – {tc(`kind.${c.kind}.short`)}
          </dd>
        </div>
        <div className="wide">
          <dt>{t("summary.promise")}</dt>
          <dd className="summary-promise">
            <Paragraphs text={c.promise} />
          </dd>
        </div>
        <div>
          <dt>{t("summary.decidedBy")}</dt>
          <dd>{c.decidedBy}</dd>
        </div>
        <div>
          <dt>{opened ? t("summary.opened") : t("summary.opens")}</dt>
          <dd>{formatDate(c.opensAt, lng)}</dd>
        </div>
        <div>
          <dt>{closed ? t("summary.closed") : t("summary.closes")}</dt>
          <dd>{formatDateTime(c.closesAt, lng)}</dd>
        </div>
        <div>
          <dt>{t("summary.expectedDecision")}</dt>
          <dd>
            {formatDate(c.expectedDecisionAt, lng)}
            {c.overdue ? <strong className="summary-flag"> {t("summary.overdue")}</strong> : null}
          </dd>
        </div>
        {c.publicUrl ? (
          <div className="wide">
            <dt>{t("summary.publicPage")}</dt>
            <dd>
              <a href={c.publicUrl} className="url">
                {c.publicUrl}
              </a>
            </dd>
          </div>
        ) : null}
        {c.joinUrl ? (
          <div className="wide">
            <dt>{t("summary.joinLink")}</dt>
            <dd>
              <a href={c.joinUrl} className="url">
                {c.joinUrl}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <DocumentList documents={s.documents.filter((d) => d.purpose === "background")} />
    </Section>
  );
}

/**
 * Numbers first, then who: the representativeness charts (voters by age group beside the
 * residents, arrivals by channel), the same ones the dashboard and the outcome report show.
 */
export function FiguresSection({ figures: f, kind }: { figures: ParticipationFigures; kind: ConsultationKind }) {
  const { t } = useTranslation("reports");
  const lng = useLanguage();
  const stats = [
    { key: "participants", value: f.participants },
    { key: "comments", value: f.comments },
    ...(kind === "hearing" || f.hearingResponses > 0 ? [{ key: "hearingResponses", value: f.hearingResponses }] : []),
    { key: "pollVoters", value: f.pollVoters },
  ];
  return (
    <Section id="figures" title={t("summary.figures")} className="summary-figures">
      <dl className="summary-stats">
        {stats.map((s) => (
          <div key={s.key}>
            <dt>{t(`summary.stat.${s.key}`)}</dt>
            <dd>{formatNumber(s.value, lng)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t("summary.participantsNote")}</p>
      <div className="summary-charts">
        <AgeGroupChart figures={f} />
        <ChannelChart figures={f} />
      </div>
    </Section>
  );
}

function percent(share: number, lng: Language) {
  return new Intl.NumberFormat(intlLocale[lng], { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/**
 * A bar that prints: SVG shapes are drawn in print even when the browser leaves out backgrounds,
 * and the number is written beside it, so the bar is never the only way to read it.
 */
function ShareBar({ share, lng, label }: { share: number; lng: Language; label?: string }) {
  const width = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0)) * 100;
  return (
    <span className="share-bar">
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="share-bar-track" x="0" y="0" width="100" height="8" />
        <rect className="share-bar-fill" x="0" y="0" width={width} height="8" />
      </svg>
      <span className="share-bar-figure">{label ?? percent(share, lng)}</span>
    </span>
  );
}

function PollsSection({ polls }: { polls: SummaryPoll[] }) {
  const { t } = useTranslation("reports");
  const { t: tp } = useTranslation("polls");
  const lng = useLanguage();
  return (
    <Section id="polls" title={t("summary.polls")} className="summary-polls">
      {polls.length === 0 ? <p className="muted">{t("summary.noPolls")}</p> : null}
      {polls.map((p) => (
        <div key={p.id} className="summary-poll">
          <h3>
            {t("summary.pollTitle", { number: p.number, code: p.joinCode })}{" "}
            <span className="muted small">
              ·{" "}
              {[
                p.resultsHidden ? null : t("summary.pollVoters", { count: p.totalVoters, formatted: formatNumber(p.totalVoters, lng) }),
                tp(`admin.status.${p.status}`),
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </h3>
          {p.resultsHidden ? <p className="muted">{tp("results.hidden")}</p> : null}
          {p.questions.map((q) => {
            // Shares of those who voted; a multiple-choice question's shares may add up to more than 100 %.
            const base = Math.max(p.totalVoters, 1);
            return (
              <div key={q.id} className="summary-question">
                <h4>{q.text}</h4>
                {q.options.length === 0 ? null : (
                  <ul className="summary-bars">
                    {q.options.map((o) => (
                      <li key={o.id}>
                        <span className="summary-bar-label">
                          <OptionLabel type={q.type} label={o.label} />
                        </span>
                        <ShareBar
                          share={o.votes / base}
                          lng={lng}
                          label={t("summary.votesAndShare", {
                            votes: formatNumber(o.votes, lng),
                            share: percent(o.votes / base, lng),
                            count: o.votes,
                          })}
                        />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </Section>
  );
}

function CommentsSection({ comments }: { comments: SummaryView["topComments"] }) {
  const { t } = useTranslation("reports");
  const { t: td } = useTranslation("discussion");
  const lng = useLanguage();
  return (
    <Section id="comments" title={t("summary.topComments")} className="summary-comments">
      <p className="muted small">{t("summary.topCommentsIntro")}</p>
      {comments.length === 0 ? (
        <p className="muted">{t("summary.noComments")}</p>
      ) : (
        <ol className="summary-quotes">
          {comments.map((c) => {
            const official = c.authorRole === "politician" ? "politician" : c.authorRole ? "administration" : null;
            return (
              <li key={c.id}>
                <blockquote>
                  <Paragraphs text={c.body} />
                </blockquote>
                <p className="summary-quote-meta">
                  <strong>{t("summary.supports", { count: c.supportCount, formatted: formatNumber(c.supportCount, lng) })}</strong> · {c.authorName}
                  {official ? ` (${td(`badge.${official}`)})` : ""} · {formatDate(c.createdAt, lng)}
                  {c.parentId ? ` · ${t("summary.reply")}` : ""}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

function HearingSection({ hearing: h }: { hearing: NonNullable<SummaryView["hearing"]> }) {
  const { t } = useTranslation("reports");
  const lng = useLanguage();
  const counts = [
    { key: "total", value: h.total },
    { key: "named", value: h.named },
    { key: "anonymous", value: h.anonymous },
    { key: "private", value: h.private },
    { key: "moderated", value: h.moderated },
  ];
  return (
    <Section id="responses" title={t("summary.responses")} className="summary-responses">
      <dl className="summary-counts">
        {counts.map((c) => (
          <div key={c.key}>
            <dt>{t(`summary.responseCount.${c.key}`)}</dt>
            <dd>{formatNumber(c.value, lng)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t("summary.responsesNote")}</p>
      <h3>{t("summary.publishedResponses")}</h3>
      {h.published.length === 0 ? (
        <p className="muted">{t("summary.noPublishedResponses")}</p>
      ) : (
        <ol className="summary-quotes">
          {h.published.map((r) => (
            <li key={r.id}>
              <p className="summary-quote-meta">
                <strong>{r.authorLabel ?? t("summary.anonymous")}</strong>
                {r.organisation ? `, ${r.organisation}` : ""} · {formatDate(r.createdAt, lng)} · <span className="mono">{r.receiptNumber}</span>
              </p>
              <blockquote>
                <Paragraphs text={r.body} />
              </blockquote>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function OutcomeSection({ outcome, documents }: { outcome: NonNullable<SummaryView["outcome"]>; documents: SummaryView["documents"] }) {
  const { t } = useTranslation("reports");
  const lng = useLanguage();
  return (
    <Section id="outcome" title={t("summary.outcome")} className="summary-outcome">
      <p className="muted">
        {outcome.publishedAt ? (
          t("summary.outcomePublished", { date: formatDate(outcome.publishedAt, lng) })
        ) : (
          <strong>{t("summary.outcomeDraft")}</strong>
        )}
      </p>
      <Paragraphs text={outcome.decision} className="summary-decision" />
      {outcome.points.length > 0 ? (
        <>
          <h3>{t("summary.youSaidWeDid")}</h3>
          <ol className="summary-points">
            {outcome.points.map((p) => (
              <li key={p.id}>
                <p>
                  <strong>{t("summary.youSaid")}</strong> {p.youSaid}
                </p>
                <p>
                  <strong>{t("summary.weDid")}</strong> {p.weDid}
                </p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <DocumentList documents={documents} />
    </Section>
  );
}

/** On paper nobody can click: each document's full address is written out under its title. */
function DocumentList({ documents }: { documents: SummaryView["documents"] }) {
  const { t } = useTranslation("reports");
  if (documents.length === 0) return null;
  return (
    <>
      <h3>{t("summary.documents")}</h3>
      <ul className="summary-documents">
        {documents.map((d) => (
          <li key={d.id}>
            {d.title}
            <br />
            <a href={d.url} className="url">
              {d.url}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
