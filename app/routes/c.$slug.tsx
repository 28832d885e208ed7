import { useCallback } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPublicConsultation } from "~/modules/consultations/consultations.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { Timeline } from "~/modules/consultations/ui/timeline.tsx";
import { JoinPanel } from "~/modules/consultations/ui/join-panel.tsx";
import { useConsultationEvent } from "~/modules/realtime/realtime-provider.tsx";
import { publicOrigin } from "~/utils/env.server.ts";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";
import type { Language } from "~/i18n/config.ts";

export const handle = { i18n: ["common", "consultations"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [consultation, municipality] = await Promise.all([
    getPublicConsultation(params.slug ?? ""),
    getMunicipality(),
  ]);
  if (!consultation) throw new Response("Not found", { status: 404 });
  const origin = publicOrigin(request);
  return {
    consultation,
    siteName: municipality.name,
    url: `${origin}/c/${consultation.slug}`,
    joinUrl: `${origin}/j/${consultation.joinCode}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...pageMeta({ title: data.consultation.title, description: data.consultation.summary, siteName: data.siteName }),
        { property: "og:url", content: data.url },
        { tagName: "link", rel: "canonical", href: data.url },
      ]
    : [];

export default function ConsultationPage() {
  const { consultation: c, joinUrl } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("consultations");
  const lng = i18n.language as Language;
  const revalidator = useRevalidator();
  // A status change made by staff or by the clock shows on every open page without a reload.
  const onStatus = useCallback(() => revalidator.revalidate(), [revalidator]);
  useConsultationEvent(c.id, "consultation:status", onStatus);

  return (
    <div className="page consultation-page">
      <p className="breadcrumb">
        <Link to="/">{t("page.allConsultations")}</Link>
      </p>
      <header className={`consultation-header accent-${c.kind}`}>
        <div className="card-meta">
          <KindBadge kind={c.kind} size="lg" />
          <StatusLabel status={c.status} overdue={c.overdue} />
        </div>
        <h1>{c.title}</h1>
        <p className="lead">{c.summary}</p>
        <StatusBanner />
      </header>

      <div className="consultation-layout">
        <div className="consultation-main">
          {c.outcome ? (
            <section className="outcome" aria-labelledby="outcome-title">
              <h2 id="outcome-title">{t("outcome.title")}</h2>
              <p className="muted">
                {t("outcome.published", { date: formatDate(c.outcome.publishedAt ?? new Date(), lng) })}
              </p>
              <Paragraphs text={c.outcome.decision} />
              {c.outcome.points.length > 0 ? (
                <>
                  <h3>{t("outcome.youSaidWeDid")}</h3>
                  <ul className="you-said-we-did">
                    {c.outcome.points.map((p) => (
                      <li key={p.id}>
                        <p>
                          <strong>{t("outcome.youSaid")}</strong> {p.youSaid}
                        </p>
                        <p>
                          <strong>{t("outcome.weDid")}</strong> {p.weDid}
                        </p>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}

          <section className="promise" aria-labelledby="promise-title">
            <h2 id="promise-title">{t(`kind.${c.kind}.promiseHeading`)}</h2>
            <p>{c.promise}</p>
            <dl className="facts">
              <div>
                <dt>{t("page.kind")}</dt>
                <dd>{t(`kind.${c.kind}.explain`)}</dd>
              </div>
              <div>
                <dt>{t("page.decidedBy")}</dt>
                <dd>{c.decidedBy}</dd>
              </div>
              <div>
                <dt>{t("page.expectedDecision")}</dt>
                <dd>{formatDate(c.expectedDecisionAt, lng)}</dd>
              </div>
            </dl>
          </section>

          <section aria-labelledby="about-title" className="prose">
            <h2 id="about-title">{t("page.about")}</h2>
            <Paragraphs text={c.body} />
          </section>

          {c.documents.length > 0 ? (
            <section aria-labelledby="documents-title">
              <h2 id="documents-title">{t("page.documents")}</h2>
              <ul className="documents">
                {c.documents.map((d) => (
                  <li key={d.id}>
                    <a href={d.url ?? `/documents/${d.id}`}>
                      <DocumentIcon />
                      <span>{d.title}</span>
                    </a>
                    {d.mimeType ? (
                      <span className="muted small">
                        {" "}
                        {t("page.fileInfo", { type: d.mimeType === "application/pdf" ? "PDF" : t("page.image"), size: Math.max(1, Math.round((d.sizeBytes ?? 0) / 1024)) })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>

        <aside className="consultation-aside">
          <section aria-labelledby="timeline-title" className="aside-box">
            <h2 id="timeline-title">{t("timeline.title")}</h2>
            <Timeline
              status={c.status}
              overdue={c.overdue}
              opensAt={c.opensAt}
              closesAt={c.closesAt}
              expectedDecisionAt={c.expectedDecisionAt}
              outcomePublishedAt={c.outcome?.publishedAt}
            />
          </section>
          <JoinPanel joinUrl={joinUrl} joinCode={c.joinCode} title={c.title} />
        </aside>
      </div>
    </div>
  );

  function StatusBanner() {
    const key =
      c.status === "open"
        ? "banner.open"
        : c.status === "scheduled"
          ? "banner.scheduled"
          : c.status === "closed"
            ? c.overdue
              ? "banner.overdue"
              : "banner.closed"
            : c.status === "archived"
              ? "banner.archived"
              : "banner.decided";
    return (
      <p className={`status-banner banner-${c.overdue ? "overdue" : c.status}`} role="status">
        {t(key, {
          closes: formatDateTime(c.closesAt, lng),
          opens: formatDateTime(c.opensAt, lng),
          decision: formatDate(c.expectedDecisionAt, lng),
        })}
      </p>
    );
  }
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function DocumentIcon() {
  return (
    <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
      <path d="M5 2h7l4 4v12H5z M12 2v4h4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}
