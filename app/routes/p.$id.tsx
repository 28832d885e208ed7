import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { castVote, getPublicPoll, getTallies, hasVoted } from "~/modules/polls/polls.server.ts";
import { getVoter, voterHash } from "~/modules/polls/voter.server.ts";
import { ageGroups, voteRefusals } from "~/modules/polls/poll-types.ts";
import { OptionLabel, PollResults } from "~/modules/polls/ui/poll-results.tsx";
import { SharePanel } from "~/modules/polls/ui/share-panel.tsx";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { countArrivalFromRequest, normalizeChannel } from "~/modules/channels/channels.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { useSocket } from "~/modules/realtime/realtime-provider.tsx";
import { voteThrottle } from "~/modules/polls/vote-limits.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";
import { getFixedT, getLanguage } from "~/i18n/i18next.server.ts";
import { formatDateTime } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";
import { cardMeta } from "~/modules/share-cards/meta.ts";
import { cardUrls } from "~/modules/share-cards/cards.server.ts";
import type { Language } from "~/i18n/config.ts";
import { retryAfterHeaders } from "~/utils/retry-after.ts";

export const handle = { i18n: ["common", "consultations", "polls"] };

export async function loader({ request, params: routeParams }: LoaderFunctionArgs) {
  const poll = await getPublicPoll(routeParams.id ?? "");
  if (!poll) throw new Response("Not found", { status: 404 });
  const [voter, municipality, t, lng] = await Promise.all([getVoter(request), getMunicipality(), getFixedT(request, "polls"), getLanguage(request)]);
  const voted = voter.setCookie ? false : await hasVoted(poll.id, voterHash(poll.id, voter.token));
  await countArrivalFromRequest(request, "poll", poll.id);
  const showResults = (voted || !poll.votingOpen) && poll.resultsVisible;
  const tallies = showResults ? await getTallies(poll.id) : null;
  const origin = publicOrigin(request);
  const params = new URL(request.url).searchParams;
  // The join link has counted the arrival already and passes the channel on as `kanal`.
  const via = params.get("via") ?? params.get("kanal");
  return {
    poll,
    voted,
    votes: tallies?.votes ?? null,
    totalVoters: tallies?.totalVoters ?? poll.totalVoters,
    via: normalizeChannel(via),
    joinUrl: `${origin}/j/${poll.joinCode}`,
    url: `${origin}/p/${poll.id}`,
    cards: cardUrls("poll", poll.id, origin, lng),
    meta: { title: poll.questions[0]?.text ?? t("title"), description: t("metaDescription", { title: poll.consultation.title }), siteName: municipality.name },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...pageMeta(data.meta),
        { property: "og:url", content: data.url },
        ...cardMeta(data.cards.og, data.meta.title),
      ]
    : [];

// A refused post answered as a whole page carries its Retry-After (app/utils/retry-after.ts).
export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const pollId = params.id ?? "";
  const voter = await getVoter(request);
  const headers = new Headers();
  if (voter.setCookie) headers.append("Set-Cookie", voter.setCookie);
  const wait = await voteThrottle(context.clientAddress ?? "unknown", voter.token);
  if (wait > 0) {
    headers.set("Retry-After", String(wait));
    return data({ errors: { form: "vote.tooFast" } as Record<string, string> }, { status: 429, headers });
  }
  // A body that is not a form is the sender's mistake: 400, not 500.
  const form = await request.formData().catch(() => null);
  if (!form) return data({ errors: { form: "vote.invalid" } as Record<string, string> }, { status: 400, headers });
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map(String);
    values[key] = all.length > 1 ? all : all[0];
  }
  const result = await castVote(pollId, values, { hash: voterHash(pollId, voter.token), channel: normalizeChannel(String(values.via ?? "")) });
  if (!result.ok) {
    const status = result.errors.form === "vote.notFound" ? 404 : result.errors.form === "vote.alreadyVoted" || result.errors.form === "vote.closed" ? 409 : 400;
    return data({ errors: result.errors as Record<string, string> }, { status, headers });
  }
  return redirect(`/p/${pollId}#results`, { headers });
}

export default function PollPage() {
  const { poll, voted, votes: initialVotes, totalVoters: initialTotal, via, joinUrl, cards } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("polls");
  const lng = i18n.language as Language;
  const [live, setLive] = useState({ votes: initialVotes, totalVoters: initialTotal });
  useEffect(() => setLive({ votes: initialVotes, totalVoters: initialTotal }), [initialVotes, initialTotal]);

  // Other people's votes move the bars while the page is open.
  const socket = useSocket();
  const showingResults = voted || !poll.votingOpen;
  useEffect(() => {
    if (!socket || !showingResults) return;
    const join = () => socket.emit("poll:join", poll.id);
    const onResults = (r: { pollId: string; totalVoters: number; votes: Record<string, number> | null }) => {
      if (r.pollId === poll.id) setLive((current) => ({ votes: r.votes ?? current.votes, totalVoters: r.totalVoters }));
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("poll:results", onResults);
    return () => {
      socket.off("connect", join);
      socket.off("poll:results", onResults);
      socket.emit("poll:leave", poll.id);
    };
  }, [socket, poll.id, showingResults]);

  // A plain form vote comes back with its outcome in the address (see plain-vote.server.ts).
  const [searchParams] = useSearchParams();
  const plainReason = searchParams.get("stemme");
  const errors: Record<string, string> = actionData?.errors ?? (plainReason && (voteRefusals as readonly string[]).includes(plainReason) ? { form: plainReason } : {});
  const submitting = navigation.state !== "idle";
  const alreadyVoted = errors.form === "vote.alreadyVoted";

  return (
    <div className="page narrow poll-page">
      <p className="breadcrumb">
        <Link to={`/c/${poll.consultation.slug}`}>{poll.consultation.title}</Link>
      </p>
      <div className="poll-card">
        <div className="card-meta">
          <KindBadge kind={poll.consultation.kind as "hearing" | "participation" | "decision"} />
          <span className="status-label">{t("eyebrow")}</span>
        </div>
        <h1>{poll.questions.length === 1 ? poll.questions[0].text : t("title")}</h1>
        <p className="muted">
          {poll.votingOpen ? t("closes", { date: formatDateTime(poll.consultation.closesAt, lng) }) : t("closed")}
          {" · "}
          {t("anonymous")}
        </p>

        {errors.form ? (
          <p className={alreadyVoted ? "notice" : "field-error"} role="alert">
            {t(errors.form)}
          </p>
        ) : null}

        {!showingResults && !alreadyVoted ? (
          <Form method="post" className="vote-form">
            <input type="hidden" name="via" value={via} />
            {poll.questions.map((q) => (
              <fieldset key={q.id} className={`vote-question type-${q.type}`} aria-describedby={errors[`q_${q.id}`] ? `err-${q.id}` : undefined}>
                <legend className={poll.questions.length === 1 ? "visually-hidden" : undefined}>{q.text}</legend>
                {q.type === "multiple" ? <p className="field-hint">{t("chooseAny")}</p> : null}
                {errors[`q_${q.id}`] ? (
                  <p className="field-error" id={`err-${q.id}`}>
                    {t(errors[`q_${q.id}`])}
                  </p>
                ) : null}
                <div className="choices">
                  {q.options.map((o) => (
                    <label key={o.id} className="choice">
                      <input type={q.type === "multiple" ? "checkbox" : "radio"} name={`q_${q.id}`} value={o.id} required={q.type !== "multiple"} />
                      <span className="choice-label">
                        <OptionLabel type={q.type} label={o.label} compact />
                      </span>
                    </label>
                  ))}
                </div>
                {q.type === "scale" ? (
                  <p className="scale-ends" aria-hidden="true">
                    <span>{t("scale.1")}</span>
                    <span>{t("scale.5")}</span>
                  </p>
                ) : null}
              </fieldset>
            ))}
            {poll.askAgeGroup ? (
              <fieldset className="vote-question age">
                <legend>{t("age.question")}</legend>
                <p className="field-hint">{t("age.hint")}</p>
                <div className="choices compact">
                  {ageGroups.map((g) => (
                    <label key={g} className="choice">
                      <input type="radio" name="ageGroup" value={g} />
                      <span className="choice-label">{t("age.years", { group: g })}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <button type="submit" className="button vote-button" disabled={submitting}>
              {submitting ? t("voting") : t("voteButton")}
            </button>
          </Form>
        ) : null}

        {showingResults || alreadyVoted ? (
          <section id="results" aria-labelledby="results-title" className="results-block">
            <h2 id="results-title">{voted || alreadyVoted ? t("results.thanks") : t("results.title")}</h2>
            <p aria-live="polite">{t("results.total", { count: live.totalVoters })}</p>
            {live.votes && poll.resultsVisible ? (
              <PollResults questions={poll.questions} votes={live.votes} totalVoters={live.totalVoters} />
            ) : (
              <p className="notice">{t("results.hidden")}</p>
            )}
          </section>
        ) : null}
      </div>
      <SharePanel joinUrl={joinUrl} cards={cards} title={poll.questions[0]?.text ?? ""} />
    </div>
  );
}
