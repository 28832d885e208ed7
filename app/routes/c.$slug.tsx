import { useCallback, useEffect, useRef, useState } from "react";
import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPublicConsultation } from "~/modules/consultations/consultations.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { Timeline } from "~/modules/consultations/ui/timeline.tsx";
import { JoinPanel } from "~/modules/consultations/ui/join-panel.tsx";
import { publicOrigin } from "~/utils/env.server.ts";
import { getDiscussion } from "~/modules/discussion/discussion.server.ts";
import { handleDiscussionAction } from "~/modules/discussion/discussion-actions.server.ts";
import { Discussion } from "~/modules/discussion/ui/discussion.tsx";
import { useConsultationLive } from "~/modules/realtime/realtime-provider.tsx";
import { getParticipant } from "~/modules/participants/device.server.ts";
import { getStaffUser } from "~/modules/auth/session.server.ts";
import { houseRules } from "~/modules/moderation/house-rules.ts";
import { getConsultationRef } from "~/modules/consultations/consultations.server.ts";
import { getFixedT, getLanguage } from "~/i18n/i18next.server.ts";
import { Paragraphs } from "~/components/ui/paragraphs.tsx";
import { countResponses, listPublishedResponses } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { HearingResponsesSection, hearingResponsesStylesHref } from "~/modules/hearing-responses/ui/hearing-responses-section.tsx";
import { listPublicPolls } from "~/modules/polls/polls.server.ts";
import { SharePanel } from "~/modules/polls/ui/share-panel.tsx";
import { countArrivalFromRequest } from "~/modules/channels/channels.server.ts";
import { cardMeta } from "~/modules/share-cards/meta.ts";
import { cardUrls, consultationOgImage } from "~/modules/share-cards/cards.server.ts";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";
import type { Language } from "~/i18n/config.ts";
import { OutcomeReport, outcomeStylesHref } from "~/modules/outcomes/ui/outcome-report.tsx";
import { parseFigures } from "~/modules/representativeness/figures.ts";
import { FollowForm, followStylesHref } from "~/modules/followers/ui/follow-form.tsx";
import { retryAfterHeaders } from "~/utils/retry-after.ts";

export const handle = { i18n: ["common", "consultations", "discussion", "hearing", "polls", "outcomes", "dashboard"] };

export const links = () => [
  { rel: "stylesheet", href: hearingResponsesStylesHref },
  { rel: "stylesheet", href: outcomeStylesHref },
  { rel: "stylesheet", href: followStylesHref },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [consultation, municipality, participant, staff, t] = await Promise.all([
    getPublicConsultation(params.slug ?? ""),
    getMunicipality(),
    getParticipant(request),
    getStaffUser(request),
    getFixedT(request, "moderation"),
  ]);
  if (!consultation) throw new Response("Not found", { status: 404 });
  const origin = publicOrigin(request);
  const lng = await getLanguage(request);
  const [discussion, hearing, polls, ogImage] = await Promise.all([
    getDiscussion(consultation.id, participant?.id ?? null),
    consultation.kind === "hearing"
      ? Promise.all([listPublishedResponses(consultation.id), countResponses(consultation.id)]).then(([responses, total]) => ({ responses, total }))
      : null,
    listPublicPolls(consultation.id),
    // The link preview is drawn in the reader's language: crawlers send no cookie, so say it.
    consultationOgImage(consultation.slug, lng, origin),
    countArrivalFromRequest(request, "consultation", consultation.id),
  ]);
  return {
    consultation,
    discussion,
    hearing,
    polls,
    cards: cardUrls("consultation", consultation.slug, origin, lng),
    ogImage,
    rules: houseRules(municipality.houseRules, t),
    viewer: {
      displayName: participant?.displayName ?? null,
      staff: staff ? { name: staff.name, role: staff.role } : null,
    },
    municipality: { officeDays: municipality.officeDays, officeOpens: municipality.officeOpens, officeCloses: municipality.officeCloses },
    serverClientId: crypto.randomUUID(),
    siteName: municipality.name,
    url: `${origin}/c/${consultation.slug}`,
    joinUrl: `${origin}/j/${consultation.joinCode}`,
  };
}

/** Posting, supporting and reporting from a page without JavaScript. */
// A refused post answered as a whole page carries its Retry-After (app/utils/retry-after.ts).
export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const consultation = await getConsultationRef(params.slug ?? "");
  if (!consultation) throw new Response("Not found", { status: 404 });
  // A body that is not a form (broken multipart, say) is the sender's mistake: 400, not 500.
  const form = await request.formData().catch(() => null);
  if (!form) throw new Response("Bad request", { status: 400 });
  const { status, body, headers } = await handleDiscussionAction(request, consultation.id, form, context.clientAddress);
  if (body.ok && body.intent !== "report") {
    const anchor = "commentId" in body && body.commentId ? `#c-${body.commentId}` : "#discussion-title";
    return redirect(`/c/${params.slug}${anchor}`, { headers });
  }
  return data(body, { status: body.ok ? 200 : status, headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...pageMeta({ title: data.consultation.title, description: data.consultation.summary, siteName: data.siteName }),
        { property: "og:url", content: data.url },
        { tagName: "link", rel: "canonical", href: data.url },
        ...(data.ogImage ? cardMeta(data.ogImage.url, data.ogImage.alt) : []),
      ]
    : [];

export default function ConsultationPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { consultation: c, joinUrl } = loaderData;
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation("consultations");
  const { t: tp } = useTranslation("polls");
  const { t: to } = useTranslation("outcomes");
  const lng = i18n.language as Language;
  const revalidator = useRevalidator();
  // A status change made by staff or by the clock shows on every open page without a reload.
  const onStatus = useCallback(() => revalidator.revalidate(), [revalidator]);
  const backgroundDocuments = c.documents.filter((d) => d.purpose !== "outcome");
  const justDecided = useJustDecided(c.status);

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
        {justDecided ? <p className="live-outcome-notice">{to("live.published")}</p> : null}
      </header>

      <div className="consultation-layout">
        <div className="consultation-main">
          {c.outcome ? (
            <OutcomeReport
              report={{ ...c.outcome, documents: c.documents.filter((d) => d.purpose === "outcome"), figures: parseFigures(c.outcome.figures) }}
              decidedBy={c.decidedBy}
            />
          ) : null}

          {loaderData.polls.length > 0 ? (
            <section aria-labelledby="polls-title">
              <h2 id="polls-title">{tp("admin.polls")}</h2>
              {loaderData.polls.map((p) => (
                <div key={p.id} className="poll-teaser">
                  <p>{p.question}</p>
                  <Link to={`/p/${p.id}`} className="button">
                    {p.status === "open" && c.status === "open" ? tp("answerNow") : tp("seeResults")}
                  </Link>
                </div>
              ))}
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

          <FollowForm slug={c.slug} status={c.status} />

          <section aria-labelledby="about-title" className="prose">
            <h2 id="about-title">{t("page.about")}</h2>
            <Paragraphs text={c.body} />
          </section>

          {loaderData.hearing ? (
            <HearingResponsesSection
              slug={c.slug}
              responses={loaderData.hearing.responses}
              total={loaderData.hearing.total}
              acceptsInput={c.status === "open"}
            />
          ) : null}

          {loaderData.discussion.enabled ? (
            <Discussion
              slug={c.slug}
              consultationId={c.id}
              data={loaderData.discussion}
              acceptsInput={c.status === "open"}
              rules={loaderData.rules}
              viewer={loaderData.viewer}
              municipality={loaderData.municipality}
              replyTo={searchParams.get("svar")}
              formResult={actionData}
              serverClientId={loaderData.serverClientId}
              onStatusEvent={onStatus}
            />
          ) : (
            <StatusFollower consultationId={c.id} lastSeq={loaderData.discussion.lastSeq} onStatus={onStatus} />
          )}

          {backgroundDocuments.length > 0 ? (
            <section aria-labelledby="documents-title">
              <h2 id="documents-title">{t("page.documents")}</h2>
              <ul className="documents">
                {backgroundDocuments.map((d) => (
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
          <SharePanel joinUrl={joinUrl} cards={loaderData.cards} title={c.title} heading={t("share.title")} intro={t("share.intro")} />
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

/** True once this open page has seen its consultation's outcome published (not on a fresh load). */
function useJustDecided(status: string) {
  const seen = useRef(status);
  const [justDecided, setJustDecided] = useState(false);
  useEffect(() => {
    if (seen.current !== status && status === "outcome_published") setJustDecided(true);
    seen.current = status;
  }, [status]);
  return justDecided;
}

/** Without a discussion the page still follows status changes live. */
function StatusFollower({ consultationId, lastSeq, onStatus }: { consultationId: string; lastSeq: number; onStatus: () => void }) {
  useConsultationLive(consultationId, lastSeq, { onEvent: (event) => event.type === "consultation.status" && onStatus() });
  return null;
}

function DocumentIcon() {
  return (
    <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
      <path d="M5 2h7l4 4v12H5z M12 2v4h4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}
