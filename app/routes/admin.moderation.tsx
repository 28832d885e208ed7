import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { houseRules, ruleCount } from "~/modules/moderation/house-rules.ts";
import {
  moderateComment,
  moderateHearingResponse,
  moderationQueue,
  setParticipantBlocked,
} from "~/modules/moderation/moderation.server.ts";
import { useSocket } from "~/modules/realtime/realtime-provider.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { formatDateTime } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import { readFormOr400 } from "~/utils/form.ts";

export const handle = { i18n: ["common", "admin", "moderation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderation:act");
  const [queue, municipality, t] = await Promise.all([
    moderationQueue(user.municipalityId),
    getMunicipality(),
    getFixedT(request, "moderation"),
  ]);
  return { queue, rules: houseRules(municipality.houseRules, t), title: t("queue.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderation:act");
  const moderator = { id: user.id, name: user.name, municipalityId: user.municipalityId };
  const form = await readFormOr400(request);
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("id") ?? "");
  const municipality = await getMunicipality();
  const ruleValue = Number(form.get("rule"));
  const rule = Number.isInteger(ruleValue) && ruleValue >= 1 && ruleValue <= ruleCount(municipality.houseRules) ? ruleValue : null;
  switch (intent) {
    case "approve":
    case "hide":
    case "restore": {
      const result = await moderateComment(target, intent, moderator, rule);
      return { target, ok: result.ok, error: result.ok ? null : Object.values(result.errors)[0] ?? null, intent };
    }
    case "approve-response":
    case "hide-response": {
      const result = await moderateHearingResponse(target, intent === "approve-response" ? "approve" : "hide", moderator, rule);
      return { target, ok: result.ok, error: result.ok ? null : Object.values(result.errors)[0] ?? null, intent };
    }
    case "block":
    case "unblock": {
      const result = await setParticipantBlocked(target, intent === "block", moderator);
      return { target, ok: result.ok, error: result.ok ? null : Object.values(result.errors)[0] ?? null, intent };
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function ModerationQueue() {
  const { queue, rules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("moderation");
  const lng = i18n.language as Language;
  const socket = useSocket();
  const revalidator = useRevalidator();

  // New held or reported items appear without a reload.
  useEffect(() => {
    if (!socket) return;
    const join = () => socket.emit("moderation:join");
    const refresh = () => revalidator.revalidate();
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("moderation:changed", refresh);
    return () => {
      socket.off("connect", join);
      socket.off("moderation:changed", refresh);
    };
  }, [socket, revalidator]);

  const empty = queue.comments.length === 0 && queue.responses.length === 0;
  const errorFor = (id: string) => (actionData && !actionData.ok && actionData.target === id && actionData.error ? t(actionData.error) : null);

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("queue.title")}</h1>
        <Link to="/admin/moderation/log" className="button secondary">
          {t("log.title")}
        </Link>
      </div>
      <p className="lead">{t("queue.intro")}</p>
      {/* The decided item leaves the queue: say what happened, and give focus a place to land. */}
      {actionData?.ok ? (
        <p className="flash" role="status">
          {t(`done.${actionData.intent}`)}
        </p>
      ) : null}
      {empty ? <p className="empty">{t("queue.empty")}</p> : null}

      {queue.comments.length > 0 ? (
        <section aria-labelledby="queue-comments">
          <h2 id="queue-comments">{t("queue.comments", { count: queue.comments.length })}</h2>
          <ul className="queue">
            {queue.comments.map((c) => (
              <li key={c.id} className="panel queue-item">
                <p className="queue-context">
                  <Link to={`/c/${c.consultation.slug}#c-${c.id}`}>{c.consultation.title}</Link>
                  <span className="muted small"> · {formatDateTime(c.createdAt, lng)}</span>
                </p>
                <p className="queue-flags">
                  <span className={`status-label ${c.status === "held" ? "status-overdue" : ""}`}>{t(`state.${c.status}`)}</span>
                  {(c.heldReasons ?? "")
                    .split(",")
                    .filter(Boolean)
                    .map((r) => (
                      <span key={r} className="status-label">
                        {t(`reason.${r}`)}
                      </span>
                    ))}
                  {c.reportCount > 0 ? (
                    <span className="status-label">
                      {t("queue.reports", { count: c.reportCount, rules: c.reportedRules.join(", ") })}
                    </span>
                  ) : null}
                  {c.blocked ? <span className="status-label status-overdue">{t("queue.blocked")}</span> : null}
                </p>
                {c.parent ? (
                  <blockquote className="queue-parent">
                    <strong>{c.parent.authorName}:</strong> {c.parent.body}
                  </blockquote>
                ) : null}
                <ItemText author={c.authorName} body={c.body} error={errorFor(c.id)} />
                <div className="button-row">
                  <DecisionButton intent="approve" id={c.id} className="button small" label={t("actions.approve")} />
                  <Form method="post" className="hide-form">
                    <input type="hidden" name="intent" value="hide" />
                    <input type="hidden" name="id" value={c.id} />
                    <RuleSelect id={`rule-${c.id}`} rules={rules} defaultRule={c.reportedRules[0] ?? 2} />
                    <button className="button secondary small" disabled={navigation.state !== "idle"}>
                      {t("actions.hide")}
                    </button>
                  </Form>
                  {c.participantId ? (
                    <DecisionButton intent={c.blocked ? "unblock" : "block"} id={c.participantId} className="button secondary small danger-button" label={c.blocked ? t("actions.unblock") : t("actions.block")} />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {queue.hidden.length > 0 ? (
        <section aria-labelledby="queue-hidden">
          <h2 id="queue-hidden">{t("queue.hidden")}</h2>
          <p className="muted">{t("queue.hiddenIntro")}</p>
          <ul className="queue">
            {queue.hidden.map((c) => (
              <li key={c.id} className="panel queue-item">
                <p className="queue-context">
                  <Link to={`/c/${c.consultation.slug}#c-${c.id}`}>{c.consultation.title}</Link>
                  <span className="muted small"> · {formatDateTime(c.updatedAt, lng)}</span>
                </p>
                <p className="queue-flags">
                  <span className="status-label">{t("queue.hiddenRule", { rule: c.hiddenRule ?? "?" })}</span>
                </p>
                <ItemText author={c.authorName} body={c.body} error={errorFor(c.id)} />
                <DecisionButton intent="restore" id={c.id} className="button secondary small" label={t("actions.restore")} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {queue.responses.length > 0 ? (
        <section aria-labelledby="queue-responses">
          <h2 id="queue-responses">{t("queue.responses", { count: queue.responses.length })}</h2>
          <ul className="queue">
            {queue.responses.map((r) => (
              <li key={r.id} className="panel queue-item">
                <p className="queue-context">
                  <Link to={`/c/${r.consultation.slug}`}>{r.consultation.title}</Link>
                  <span className="muted small">
                    {" "}
                    · {r.receiptNumber} · {formatDateTime(r.createdAt, lng)}
                  </span>
                </p>
                <p className="queue-flags">
                  {(r.heldReasons ?? "")
                    .split(",")
                    .filter(Boolean)
                    .map((reason) => (
                      <span key={reason} className="status-label">
                        {t(`reason.${reason}`)}
                      </span>
                    ))}
                </p>
                <ItemText author={r.name} body={r.body} error={errorFor(r.id)} />
                <div className="button-row">
                  <DecisionButton intent="approve-response" id={r.id} className="button small" label={t("actions.approve")} />
                  <Form method="post" className="hide-form">
                    <input type="hidden" name="intent" value="hide-response" />
                    <input type="hidden" name="id" value={r.id} />
                    <RuleSelect id={`rule-r-${r.id}`} rules={rules} defaultRule={3} />
                    <button className="button secondary small">{t("actions.hide")}</button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Which house rule a hidden item broke: cited publicly in its placeholder. */
function RuleSelect({ id, rules, defaultRule }: { id: string; rules: string[]; defaultRule: number }) {
  const { t } = useTranslation("moderation");
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t("actions.rule")}
      </label>
      <select id={id} name="rule" defaultValue={Math.min(defaultRule, rules.length)}>
        {rules.map((rule, i) => (
          <option key={i} value={i + 1}>
            {t("actions.ruleOption", { number: i + 1, rule })}
          </option>
        ))}
      </select>
    </>
  );
}

function ItemText({ author, body, error }: { author: string; body: string; error: string | null }) {
  return (
    <>
      <p>
        <strong>{author}</strong>
      </p>
      <p className="comment-body">{body}</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** One moderation decision as a plain form post, so it works without JavaScript too. */
function DecisionButton({ intent, id, label, className }: { intent: string; id: string; label: string; className: string }) {
  const navigation = useNavigation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button className={className} disabled={navigation.state !== "idle"}>
        {label}
      </button>
    </Form>
  );
}
