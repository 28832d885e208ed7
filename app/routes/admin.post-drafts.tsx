import { useEffect, useId, useState } from "react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaffUser } from "~/modules/auth/session.server.ts";
import { can } from "~/modules/auth/roles.ts";
import {
  handBackPostDraft,
  listOpenPostDraftRequests,
  listOwnPostDrafts,
  listPostDraftLog,
  listRequestableConsultations,
  requestPostDraft,
  withdrawPostDraftRequest,
  type PostDraftView,
} from "~/modules/post-drafts/post-drafts.server.ts";
import {
  cardFormats,
  cardUrl,
  draftLimits,
  neutralityChecklist,
  postDraftTopics,
  requestLimits,
  type CardFormat,
} from "~/modules/post-drafts/post-draft.schema.ts";
import { FormErrorSummary, SelectField, TextField } from "~/components/ui/field.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { supportedLanguages, type Language } from "~/i18n/config.ts";
import { formatDateTime } from "~/utils/time.ts";
import type { FieldErrors } from "~/utils/command.ts";
import styles from "~/modules/post-drafts/ui/post-drafts.css";
import { readFormOr400 } from "~/utils/form.ts";

export const handle = { i18n: ["common", "admin", "postDrafts"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Politicians ask, editors and admins draft; anyone else (moderators) has no business here. */
async function requirePostDraftsUser(request: Request) {
  const user = await requireStaffUser(request);
  const mayRequest = can(user.role, "postDrafts:request");
  const mayDraft = can(user.role, "postDrafts:draft");
  if (!mayRequest && !mayDraft) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return { user, mayRequest, mayDraft };
}

function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

// The page shows the latest part of the log; the CSV export holds all of it.
const logRowsShown = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, mayRequest, mayDraft } = await requirePostDraftsUser(request);
  const [t, consultations, own, open, log] = await Promise.all([
    getFixedT(request, "postDrafts"),
    mayRequest ? listRequestableConsultations(user.municipalityId) : [],
    mayRequest ? listOwnPostDrafts(user) : [],
    mayDraft ? listOpenPostDraftRequests(user.municipalityId) : [],
    mayDraft ? listPostDraftLog(user.municipalityId, logRowsShown) : [],
  ]);
  return { mayRequest, mayDraft, consultations, own, open, log, title: t("title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

type ActionResult = {
  intent: "request" | "withdraw" | "draft";
  /** The request a withdraw or draft was about, so the right form shows the result. */
  target: string | null;
  ok: boolean;
  errors: FieldErrors;
  /** What was typed, given back so nothing is lost when JavaScript is off. */
  values: Record<string, string>;
  neutrality: string[];
  politicianName: string | null;
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, mayRequest, mayDraft } = await requirePostDraftsUser(request);
  const form = await readFormOr400(request);
  const intent = text(form, "intent");
  const target = text(form, "id");
  const base = { target, values: {}, neutrality: [], politicianName: null };
  switch (intent) {
    case "request": {
      if (!mayRequest) forbidden();
      const values = { consultationId: text(form, "consultationId"), topic: text(form, "topic"), request: text(form, "request") };
      const result = await requestPostDraft(user, values);
      return result.ok
        ? { ...base, intent, target: null, ok: true, errors: {} }
        : { ...base, intent, target: null, ok: false, errors: result.errors, values };
    }
    case "withdraw": {
      if (!mayRequest) forbidden();
      const result = await withdrawPostDraftRequest(user, target);
      return { ...base, intent, ok: result.ok, errors: result.ok ? {} : result.errors };
    }
    case "draft": {
      if (!mayDraft) forbidden();
      const values = { draftText: text(form, "draftText"), cardFormat: text(form, "cardFormat") };
      const neutrality = form.getAll("neutrality").filter((v): v is string => typeof v === "string");
      const result = await handBackPostDraft(user, target, { ...values, neutrality });
      return result.ok
        ? { ...base, intent, ok: true, errors: {}, politicianName: result.value.politicianName }
        : { ...base, intent, ok: false, errors: result.errors, values, neutrality };
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function PostDrafts() {
  const { mayRequest, mayDraft, consultations, own, open, log } = useLoaderData<typeof loader>();
  const { t } = useTranslation("postDrafts");
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{mayDraft ? t("intro.staff") : t("intro.politician")}</p>
      <section className="notice post-draft-rules" aria-labelledby="post-draft-rules">
        <h2 id="post-draft-rules">{t("rules.heading")}</h2>
        <ul>
          <li>
            <strong>{mayDraft ? t("rules.neverPostsStaff") : t("rules.neverPosts")}</strong>
          </li>
          <li>{t("rules.onRequest")}</li>
          <li>{t("rules.noTactics")}</li>
          <li>{t("rules.logged")}</li>
        </ul>
      </section>
      {mayRequest ? <PoliticianView consultations={consultations} own={own} /> : null}
      {mayDraft ? <StaffView open={open} log={log} /> : null}
    </div>
  );
}

// ---- Politicians ----

type ConsultationOption = { id: string; title: string; outcomePublished: boolean };

function PoliticianView({ consultations, own }: { consultations: ConsultationOption[]; own: PostDraftView[] }) {
  const { t, i18n } = useTranslation("postDrafts");
  const lng = i18n.language as Language;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const topicId = useId();
  const requested = actionData?.intent === "request" ? actionData : undefined;
  const errors = requested && !requested.ok ? requested.errors : {};
  const values = requested?.values ?? {};
  const msg = (key: string | undefined) => (key ? t(key) : undefined);
  const options = [
    { value: "", label: t("request.choose") },
    ...consultations.map((c) => ({
      value: c.id,
      label: c.outcomePublished ? t("request.outcomeMarker", { title: c.title }) : c.title,
    })),
  ];
  const topicDescribedBy = [`${topicId}-hint`, errors.topic ? `${topicId}-error` : null].filter(Boolean).join(" ");

  return (
    <div className="admin-columns post-drafts-politician">
      <section className="panel" aria-labelledby="own-title">
        <h2 id="own-title">{t("own.heading")}</h2>
        {actionData?.intent === "withdraw" && actionData.ok ? (
          <p className="flash" role="status">
            {t("own.withdrawn")}
          </p>
        ) : null}
        {own.length === 0 ? (
          <p className="empty">{t("own.empty")}</p>
        ) : (
          <ul className="queue">
            {own.map((d) => (
              <li key={d.id} className="queue-item post-draft-item">
                <h3>{d.consultation.title}</h3>
                <p className="queue-flags">
                  <StatusTag status={d.status} />
                  <span className="status-label">{t(`topic.${d.topic}`)}</span>
                </p>
                <p className="muted small">
                  {t("own.requestedAt", { date: formatDateTime(d.createdAt, lng) })}
                  {d.drafter && d.draftedAt ? ` · ${t("own.draftedBy", { name: d.drafter.name, date: formatDateTime(d.draftedAt, lng) })}` : null}
                  {d.withdrawnAt ? ` · ${t("own.withdrawnAt", { date: formatDateTime(d.withdrawnAt, lng) })}` : null}
                </p>
                <p className="post-draft-label">{t("own.yourRequest")}</p>
                <blockquote className="queue-parent post-draft-text">{d.request}</blockquote>
                {d.status === "requested" ? (
                  <>
                    <p>{t("own.waiting")}</p>
                    {actionData?.intent === "withdraw" && actionData.target === d.id && !actionData.ok ? (
                      <p className="field-error" role="alert">
                        {Object.values(actionData.errors).map((k) => t(k as string)).join(" ")}
                      </p>
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="id" value={d.id} />
                      <button type="submit" className="button secondary small" disabled={navigation.state !== "idle"}>
                        {t("own.withdraw")}
                      </button>
                    </Form>
                  </>
                ) : null}
                {d.status === "drafted" && d.draftText ? (
                  <DraftResult slug={d.consultation.slug} title={d.consultation.title} text={d.draftText} format={d.cardFormat} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="request-title">
        <h2 id="request-title">{t("request.heading")}</h2>
        {requested?.ok ? (
          <p className="flash" role="status">
            {t("request.sent")}
          </p>
        ) : null}
        <FormErrorSummary title={t("form.errorTitle")} messages={Object.values(errors).map((k) => t(k as string))} />
        {consultations.length === 0 ? (
          <p className="empty">{t("request.noConsultations")}</p>
        ) : (
          // A new key after success empties the form for the next request.
          <Form method="post" noValidate className="stack" key={requested?.ok ? `sent-${own.length}` : "request"}>
            <input type="hidden" name="intent" value="request" />
            <SelectField
              label={t("request.consultation")}
              name="consultationId"
              required
              hint={t("request.consultationHint")}
              options={options}
              defaultValue={values.consultationId ?? ""}
              error={msg(errors.consultationId)}
            />
            <fieldset className={`post-draft-choices${errors.topic ? " has-error" : ""}`} aria-describedby={topicDescribedBy}>
              <legend>
                {t("request.topic")}
                <span className="required" aria-hidden="true">
                  {" "}
                  *
                </span>
              </legend>
              <p className="field-hint" id={`${topicId}-hint`}>
                {t("request.topicHint")}
              </p>
              {errors.topic ? (
                <p className="field-error" id={`${topicId}-error`}>
                  {t(errors.topic)}
                </p>
              ) : null}
              {postDraftTopics.map((topic) => (
                <label key={topic} className="checkbox">
                  <input type="radio" name="topic" value={topic} defaultChecked={(values.topic ?? "consultation") === topic} />
                  {topic === "consultation" ? t("request.topicConsultation") : t("request.topicOutcome")}
                </label>
              ))}
            </fieldset>
            <TextField
              label={t("request.text")}
              name="request"
              multiline
              rows={6}
              required
              maxLength={requestLimits.max}
              hint={t("request.textHint")}
              defaultValue={values.request}
              error={msg(errors.request)}
            />
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("request.submit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

/**
 * A finished draft: the text to copy and the card to download. The politician posts it on their own
 * profile themselves; nothing here talks to a social network.
 */
function DraftResult({ slug, title, text, format }: { slug: string; title: string; text: string; format: CardFormat | null }) {
  const { t, i18n } = useTranslation("postDrafts");
  const lng = i18n.language as Language;
  const id = useId();
  return (
    <div className="post-draft-result">
      <div className="field">
        <label htmlFor={id}>{t("own.draft")}</label>
        <p className="field-hint" id={`${id}-hint`}>
          {t("own.draftHint")}
        </p>
        {/* Read-only rather than plain text, so the draft is easy to select and copy without JavaScript. */}
        <textarea id={id} readOnly rows={Math.min(14, Math.max(5, text.split("\n").length + 2))} defaultValue={text} aria-describedby={`${id}-hint`} />
      </div>
      <CopyButton targetId={id} />
      {format ? (
        <figure className={`post-draft-card post-draft-card-${format}`}>
          <figcaption className="post-draft-label">{t("own.card")}</figcaption>
          <img
            src={cardUrl(slug, format, lng)}
            width={cardFormats[format].width}
            height={cardFormats[format].height}
            alt={t("own.cardAlt", { format: t(`formatName.${format}`), title })}
            loading="lazy"
            decoding="async"
          />
          <p className="button-row">
            {supportedLanguages.map((cardLng) => (
              <a key={cardLng} className="button secondary small" href={cardUrl(slug, format, cardLng)} download={`${slug}-${format}-${cardLng}.png`}>
                {cardLng === "da" ? t("own.downloadDa") : t("own.downloadEn")}
              </a>
            ))}
          </p>
        </figure>
      ) : null}
    </div>
  );
}

/** Shown only once JavaScript runs: without it, the read-only field is there to select by hand. */
function CopyButton({ targetId }: { targetId: string }) {
  const { t } = useTranslation("postDrafts");
  const [hydrated, setHydrated] = useState(false);
  const [message, setMessage] = useState<"copied" | "copyFailed" | null>(null);
  useEffect(() => setHydrated(true), []);

  async function copy() {
    const field = document.getElementById(targetId);
    if (!(field instanceof HTMLTextAreaElement)) return;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(field.value);
      } else {
        // The Clipboard API exists only on HTTPS and localhost; an intranet on plain HTTP falls back.
        field.select();
        if (!document.execCommand("copy")) throw new Error("copy refused");
      }
      setMessage("copied");
    } catch {
      field.focus();
      field.select();
      setMessage("copyFailed");
    }
  }

  return (
    <div className="post-draft-copy">
      {hydrated ? (
        <button type="button" className="button secondary small" onClick={copy}>
          {t("own.copy")}
        </button>
      ) : null}
      <p role="status" className="small">
        {message === "copied" ? t("own.copied") : message === "copyFailed" ? t("own.copyFailed") : ""}
      </p>
    </div>
  );
}

function StatusTag({ status }: { status: PostDraftView["status"] }) {
  const { t } = useTranslation("postDrafts");
  return <span className={`status-label post-draft-status-${status}`}>{t(`status.${status}`)}</span>;
}

// ---- Staff ----

function StaffView({ open, log }: { open: PostDraftView[]; log: PostDraftView[] }) {
  const { t, i18n } = useTranslation("postDrafts");
  const lng = i18n.language as Language;
  const actionData = useActionData<typeof action>();
  const handedBack = actionData?.intent === "draft" && actionData.ok ? actionData : undefined;
  return (
    <>
      <section aria-labelledby="open-title" className="post-drafts-open">
        <h2 id="open-title" className="post-draft-heading">
          {t("staff.openHeading")} <span className="count">{open.length}</span>
        </h2>
        {handedBack ? (
          <p className="flash" role="status">
            {t("staff.handedBack", { name: handedBack.politicianName ?? "" })}
          </p>
        ) : null}
        {open.length === 0 ? (
          <p className="empty">{t("staff.empty")}</p>
        ) : (
          <ul className="queue">
            {open.map((item) => (
              <DraftForm key={item.id} item={item} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="log-title" className="post-drafts-log">
        <div className="page-head">
          <h2 id="log-title">{t("log.heading")}</h2>
          <a href="/admin/post-drafts.csv" className="button secondary" download>
            {t("log.export")}
          </a>
        </div>
        <p className="muted">{t("log.intro")}</p>
        {log.length === 0 ? (
          <p className="empty">{t("log.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("log.col.requestedAt")}</th>
                  <th scope="col">{t("log.col.politician")}</th>
                  <th scope="col">{t("log.col.consultation")}</th>
                  <th scope="col">{t("log.col.topic")}</th>
                  <th scope="col">{t("log.col.status")}</th>
                  <th scope="col">{t("log.col.drafter")}</th>
                  <th scope="col">{t("log.col.draftedAt")}</th>
                  <th scope="col">{t("log.col.texts")}</th>
                </tr>
              </thead>
              <tbody>
                {log.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt, lng)}</td>
                    <td>{r.politician.name}</td>
                    <th scope="row">{r.consultation.title}</th>
                    <td>{t(`topic.${r.topic}`)}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                    <td>{r.drafter?.name ?? "–"}</td>
                    <td>{r.draftedAt ? formatDateTime(r.draftedAt, lng) : "–"}</td>
                    <td>
                      <details className="post-draft-texts">
                        <summary>{t("log.texts")}</summary>
                        <p className="post-draft-label">{t("staff.request")}</p>
                        <p className="post-draft-text">{r.request}</p>
                        {r.draftText ? (
                          <>
                            <p className="post-draft-label">{t("staff.draftText")}</p>
                            <p className="post-draft-text">{r.draftText}</p>
                          </>
                        ) : null}
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** One open request and the form that answers it. */
function DraftForm({ item }: { item: PostDraftView }) {
  const { t, i18n } = useTranslation("postDrafts");
  const lng = i18n.language as Language;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const id = useId();
  const mine = actionData?.intent === "draft" && actionData.target === item.id && !actionData.ok ? actionData : undefined;
  const errors = mine?.errors ?? {};
  const values = mine?.values ?? {};
  const ticked = mine?.neutrality ?? [];
  const describedBy = (hintId: string, error?: string) => [hintId, error ? `${hintId}-error` : null].filter(Boolean).join(" ");

  return (
    <li className="panel queue-item post-draft-item">
      <h3>
        <Link to={`/c/${item.consultation.slug}`}>{item.consultation.title}</Link>
      </h3>
      <p className="queue-flags">
        <span className="status-label">{t(`topic.${item.topic}`)}</span>
      </p>
      <p className="muted small">
        {t("staff.from", { name: item.politician.title ? `${item.politician.name} (${item.politician.title})` : item.politician.name })} ·{" "}
        {t("staff.requestedAt", { date: formatDateTime(item.createdAt, lng) })}
      </p>
      <p className="post-draft-label">{t("staff.request")}</p>
      <blockquote className="queue-parent post-draft-text">{item.request}</blockquote>

      <Form method="post" noValidate className="stack post-draft-form">
        <input type="hidden" name="intent" value="draft" />
        <input type="hidden" name="id" value={item.id} />
        {errors.form ? (
          <p className="field-error" role="alert">
            {t(errors.form)}
          </p>
        ) : null}
        <TextField
          label={t("staff.draftText")}
          name="draftText"
          multiline
          rows={8}
          required
          maxLength={draftLimits.max}
          hint={t("staff.draftHint")}
          defaultValue={values.draftText}
          error={errors.draftText ? t(errors.draftText) : undefined}
        />

        <fieldset className={`post-draft-choices${errors.cardFormat ? " has-error" : ""}`} aria-describedby={describedBy(`${id}-card`, errors.cardFormat)}>
          <legend>
            {t("staff.card")}
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          </legend>
          <p className="field-hint" id={`${id}-card`}>
            {t("staff.cardHint")}
          </p>
          {errors.cardFormat ? (
            <p className="field-error" id={`${id}-card-error`} role="alert">
              {t(errors.cardFormat)}
            </p>
          ) : null}
          {(Object.keys(cardFormats) as CardFormat[]).map((format) => (
            <label key={format} className="checkbox">
              <input type="radio" name="cardFormat" value={format} defaultChecked={values.cardFormat === format} />
              {t(`format.${format}`)}
            </label>
          ))}
        </fieldset>

        <fieldset className={`post-draft-choices post-draft-checklist${errors.neutrality ? " has-error" : ""}`} aria-describedby={describedBy(`${id}-check`, errors.neutrality)}>
          <legend>
            {t("staff.checklist")}
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          </legend>
          <p className="field-hint" id={`${id}-check`}>
            {t("staff.checklistHint")}
          </p>
          {errors.neutrality ? (
            <p className="field-error" id={`${id}-check-error`} role="alert">
              {t(errors.neutrality)}
            </p>
          ) : null}
          {neutralityChecklist.map((check) => (
            <label key={check} className="checkbox">
              <input type="checkbox" name="neutrality" value={check} defaultChecked={ticked.includes(check)} />
              {t(`checklist.${check}`)}
            </label>
          ))}
        </fieldset>
        <p className="notice small">{t("rules.noTactics")}</p>
        <button type="submit" className="button" disabled={navigation.state !== "idle"}>
          {t("staff.submit")}
        </button>
      </Form>
    </li>
  );
}
