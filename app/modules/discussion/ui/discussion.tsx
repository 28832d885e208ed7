/**
 * The live discussion of a consultation. Server-rendered in full (it works as plain forms without
 * JavaScript); with JavaScript it updates live, posts without reloading, and keeps posts written
 * offline until they can be sent.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/ui/use-hydrated.ts";
import { formatDateTime } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import { useConsultationLive, useSocket } from "~/modules/realtime/realtime-provider.tsx";
import type { DiscussionSettings, OwnHeldComment, PublicComment, SequencedEvent } from "~/modules/realtime/events.ts";
import { OfficeHours } from "~/components/office-hours.tsx";
import { maxCommentLength } from "../discussion.schema.ts";
import { newClientId, readOutbox, sendPost, writeOutbox, type OutboxItem } from "./outbox.ts";

export type DiscussionData = {
  comments: PublicComment[];
  ownHeld: OwnHeldComment[];
  supported: string[];
  lastSeq: number;
  enabled: boolean;
  settings: DiscussionSettings;
};

type FormResult = { intent: string; ok: boolean; errors?: Partial<Record<string, string>>; values?: Record<string, string>; commentId?: string } | undefined;

type Props = {
  slug: string;
  consultationId: string;
  data: DiscussionData;
  acceptsInput: boolean;
  rules: string[];
  viewer: { displayName: string | null; staff: { name: string; role: string } | null };
  municipality: { officeDays: string; officeOpens: string; officeCloses: string };
  replyTo: string | null;
  formResult: FormResult;
  /** A client id drawn on the server, so a form re-sent without JavaScript is stored once. */
  serverClientId: string;
  onStatusEvent: () => void;
};

export function Discussion(props: Props) {
  const { t, i18n } = useTranslation("discussion");
  const lng = i18n.language as Language;
  const hydrated = useHydrated();
  const [comments, setComments] = useState(props.data.comments);
  const [ownHeld, setOwnHeld] = useState(props.data.ownHeld);
  const [supported, setSupported] = useState(() => new Set(props.data.supported));
  const [settings, setSettings] = useState(props.data.settings);
  const [outbox, setOutbox] = useState<(OutboxItem & { state: "sending" | "waiting" })[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [replyTo, setReplyTo] = useState<string | null>(props.replyTo);
  const ownIds = useRef(new Set<string>());
  // Keyboard users land in the reply form they opened, and back on its "Reply" button once it is
  // sent or closed, instead of on <body> when the form disappears.
  const focusAfterReply = useRef<string | null>(null);
  useEffect(() => {
    const id = focusAfterReply.current;
    focusAfterReply.current = null;
    if (id) document.getElementById(id)?.focus();
  }, [replyTo]);
  const toggleReply = (commentId: string) => {
    const opening = replyTo !== commentId;
    focusAfterReply.current = opening ? `reply-${commentId}-${props.viewer.staff ? "body" : "name"}` : replyButtonId(commentId);
    setReplyTo(opening ? commentId : null);
  };

  // A new server render (after a form post or a revalidation) is the truth.
  useEffect(() => {
    setComments(props.data.comments);
    setOwnHeld(props.data.ownHeld);
    setSupported(new Set(props.data.supported));
    setSettings(props.data.settings);
  }, [props.data]);

  const upsert = useCallback((comment: PublicComment) => {
    setComments((list) => {
      const i = list.findIndex((c) => c.id === comment.id);
      if (i === -1) return [...list, comment];
      const next = list.slice();
      next[i] = comment;
      return next;
    });
    setOwnHeld((list) => list.filter((c) => c.id !== comment.id));
  }, []);

  const onEvent = useCallback(
    (event: SequencedEvent) => {
      switch (event.type) {
        case "comment.upsert": {
          const isNew = !comments.some((c) => c.id === event.comment.id);
          upsert(event.comment);
          if (isNew && event.comment.state === "published" && !ownIds.current.has(event.comment.id)) {
            setAnnouncement(t("live.newComment", { name: event.comment.authorName }));
          }
          break;
        }
        case "comment.support":
          setComments((list) => list.map((c) => (c.id === event.commentId ? { ...c, supportCount: event.supportCount } : c)));
          break;
        case "discussion.settings":
          setSettings(event.settings);
          break;
        case "consultation.status":
          props.onStatusEvent();
          break;
      }
    },
    [comments, upsert, t, props],
  );

  const live = useConsultationLive(props.consultationId, props.data.lastSeq, {
    onEvent,
    onOwn: (comment) => setOwnHeld((list) => (list.some((c) => c.id === comment.id) ? list : [...list, comment])),
  });

  // ---- Sending, with an outbox for posts written offline ----
  const socket = useSocket();
  const flushing = useRef(false);
  const [formErrors, setFormErrors] = useState<Partial<Record<string, string>>>({});
  const [restored, setRestored] = useState<OutboxItem | null>(null);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const item of readOutbox(props.consultationId)) {
        setOutbox((list) => list.map((i) => (i.clientId === item.clientId ? { ...i, state: "sending" } : i)));
        const result = await sendPost(props.slug, item);
        if (result.kind === "offline") {
          setOutbox((list) => list.map((i) => (i.clientId === item.clientId ? { ...i, state: "waiting" } : i)));
          break;
        }
        writeOutbox(props.consultationId, readOutbox(props.consultationId).filter((i) => i.clientId !== item.clientId));
        setOutbox((list) => list.filter((i) => i.clientId !== item.clientId));
        if (result.kind === "sent") {
          const comment = result.comment as PublicComment | OwnHeldComment;
          ownIds.current.add(comment.id);
          if (comment.state === "held") setOwnHeld((list) => (list.some((c) => c.id === comment.id) ? list : [...list, comment as OwnHeldComment]));
          else upsert(comment as PublicComment);
          setAnnouncement(result.held ? t("form.heldAnnouncement") : t("form.postedAnnouncement"));
        } else {
          // Refused (closed, paused, too fast…): the text goes back into the form, not lost.
          setFormErrors(result.errors);
          setRestored(item);
        }
      }
    } finally {
      flushing.current = false;
    }
  }, [props.consultationId, props.slug, t, upsert]);

  useEffect(() => {
    const pending = readOutbox(props.consultationId);
    setOutbox(pending.map((i) => ({ ...i, state: "waiting" })));
    if (pending.length > 0) void flush();
    const retry = () => void flush();
    window.addEventListener("online", retry);
    socket?.on("connect", retry);
    const timer = window.setInterval(() => {
      if (readOutbox(props.consultationId).length > 0) void flush();
    }, 10_000);
    return () => {
      window.removeEventListener("online", retry);
      socket?.off("connect", retry);
      window.clearInterval(timer);
    };
  }, [props.consultationId, flush, socket]);

  const submit = (item: Omit<OutboxItem, "clientId" | "queuedAt">) => {
    const queued: OutboxItem = { ...item, clientId: newClientId(), queuedAt: new Date().toISOString() };
    writeOutbox(props.consultationId, [...readOutbox(props.consultationId), queued]);
    setOutbox((list) => [...list, { ...queued, state: "sending" }]);
    setFormErrors({});
    setRestored(null);
    void flush();
  };

  const onSupported = (id: string, on: boolean, count: number) => {
    setSupported((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    setComments((list) => list.map((c) => (c.id === id ? { ...c, supportCount: count } : c)));
  };

  // ---- Rendering ----
  const threads = useMemo(() => {
    const top = comments.filter((c) => !c.parentId);
    return top.map((c) => ({ comment: c, replies: comments.filter((r) => r.parentId === c.id) }));
  }, [comments]);
  // A comment its author deleted still counts: the thread keeps its shape and its numbers.
  const visibleCount = comments.filter((c) => c.state === "published" || c.state === "deleted").length;
  const canPost = props.acceptsInput && props.data.enabled && !settings.paused;
  const itemProps = { lng, rules: props.rules, canInteract: canPost, slug: props.slug, onSupported };
  const noJsErrors = props.formResult?.intent === "comment" && !props.formResult.ok ? props.formResult.errors ?? {} : {};
  const errors = hydrated ? formErrors : noJsErrors;

  return (
    <section className="discussion" aria-labelledby="discussion-title">
      <div className="discussion-head">
        <h2 id="discussion-title">
          {t("title")} <span className="count">{visibleCount}</span>
        </h2>
        {hydrated ? (
          <p className={`live-indicator live-${live}`}>
            <span className="live-dot" aria-hidden="true" />
            {t(`live.${live}`)}
          </p>
        ) : null}
      </div>
      <OfficeHours municipality={props.municipality} />
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>

      {settings.paused ? (
        <p className="notice notice-warning" role="status">
          <strong>{t("paused.title")}</strong> {settings.pauseMessage ?? t("paused.default")}
        </p>
      ) : settings.slowModeMinutes > 0 && props.acceptsInput ? (
        <p className="notice" role="status">
          {t("slowMode", { count: settings.slowModeMinutes })}
        </p>
      ) : null}
      {!props.acceptsInput ? <p className="notice">{t("closed")}</p> : null}
      {props.formResult?.intent === "report" ? (
        <p className={props.formResult.ok ? "flash" : "field-error"} role="status">
          {props.formResult.ok ? t("report.thanks") : t(props.formResult.errors?.rule ?? props.formResult.errors?.form ?? "validation.invalid")}
        </p>
      ) : null}

      {canPost ? (
        <CommentForm
          idPrefix="new"
          rules={props.rules}
          viewer={props.viewer}
          errors={errors}
          values={
            restored
              ? { body: restored.body, displayName: restored.displayName, ...(restored.followEmail ? { followOutcome: "on", followEmail: restored.followEmail } : {}) }
              : props.formResult?.intent === "comment" && !props.formResult.ok
                ? props.formResult.values
                : undefined
          }
          serverClientId={props.serverClientId}
          onSubmit={hydrated ? submit : undefined}
        />
      ) : null}

      {outbox.length > 0 ? (
        <ul className="outbox" aria-label={t("outbox.label")}>
          {outbox.map((item) => (
            <li key={item.clientId} className="comment pending-send">
              <p className="comment-meta">
                <strong>{item.displayName || props.viewer.staff?.name}</strong>{" "}
                <span className="status-label">{item.state === "waiting" ? t("outbox.waiting") : t("outbox.sending")}</span>
              </p>
              <p className="comment-body">{item.body}</p>
            </li>
          ))}
        </ul>
      ) : null}

      {ownHeld.length > 0 ? (
        <ul className="own-held" aria-label={t("held.label")}>
          {ownHeld.map((c) => (
            <li key={c.id} className="comment held" id={`c-${c.id}`}>
              <p className="comment-meta">
                <strong>{c.authorName}</strong> <span className="status-label status-overdue">{t("held.badge")}</span>
              </p>
              <p className="comment-body">{c.body}</p>
              <p className="field-hint">{t("held.explain")}</p>
            </li>
          ))}
        </ul>
      ) : null}

      {threads.length === 0 ? <p className="empty">{t("empty")}</p> : null}
      <ol className="comment-list">
        {threads.map(({ comment, replies }) => (
          <li key={comment.id}>
            <CommentItem
              {...itemProps}
              comment={comment}
              supported={supported.has(comment.id)}
              replyHref={`?svar=${comment.id}#svar-${comment.id}`}
              onReply={hydrated ? () => toggleReply(comment.id) : undefined}
              replyOpen={replyTo === comment.id}
            />
            {replies.length > 0 || replyTo === comment.id ? (
              <ol className="reply-list">
                {replies.map((reply) => (
                  <li key={reply.id}>
                    <CommentItem {...itemProps} comment={reply} supported={supported.has(reply.id)} />
                  </li>
                ))}
                {replyTo === comment.id && canPost ? (
                  <li id={`svar-${comment.id}`}>
                    <CommentForm
                      idPrefix={`reply-${comment.id}`}
                      parentId={comment.id}
                      parentAuthor={comment.authorName}
                      rules={props.rules}
                      viewer={props.viewer}
                      errors={{}}
                      serverClientId={props.serverClientId}
                      onSubmit={
                        hydrated
                          ? (item) => {
                              submit(item);
                              focusAfterReply.current = replyButtonId(comment.id);
                              setReplyTo(null);
                            }
                          : undefined
                      }
                    />
                  </li>
                ) : null}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="muted small">
        <Link to="/husregler">{t("rules.link")}</Link>
      </p>
    </section>
  );
}

function CommentForm({
  idPrefix,
  parentId,
  parentAuthor,
  rules,
  viewer,
  errors,
  values,
  serverClientId,
  onSubmit,
}: {
  idPrefix: string;
  parentId?: string;
  parentAuthor?: string;
  rules: string[];
  viewer: Props["viewer"];
  errors: Partial<Record<string, string>>;
  values?: Record<string, string>;
  serverClientId: string;
  onSubmit?: (item: Omit<OutboxItem, "clientId" | "queuedAt">) => void;
}) {
  const { t, i18n } = useTranslation("discussion");
  const { t: tf } = useTranslation("follow");
  const hydrated = useHydrated();
  const [body, setBody] = useState(values?.body ?? "");
  const [name, setName] = useState(values?.displayName ?? viewer.displayName ?? "");
  const [accepted, setAccepted] = useState(!!viewer.displayName);
  const [follow, setFollow] = useState(values?.followOutcome === "on");
  const [followEmail, setFollowEmail] = useState(values?.followEmail ?? "");
  useEffect(() => {
    if (values) {
      setBody(values.body ?? "");
      if (values.displayName) setName(values.displayName);
      setFollow(values.followOutcome === "on");
      setFollowEmail(values.followEmail ?? "");
    }
  }, [values]);
  const id = (field: string) => `${idPrefix}-${field}`;
  const error = (field: string) => (errors[field] ? t(errors[field] as string) : null);
  return (
    <Form
      method="post"
      className="comment-form"
      noValidate
      onSubmit={(event) => {
        if (!onSubmit) return;
        event.preventDefault();
        onSubmit({
          body,
          displayName: name,
          parentId: parentId ?? null,
          acceptRules: accepted || !!viewer.staff,
          followEmail: follow ? followEmail : null,
          locale: i18n.language,
        });
        setBody("");
        setFollow(false);
      }}
    >
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="clientId" value={`${serverClientId}-${idPrefix}`} />
      <input type="hidden" name="locale" value={i18n.language} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {errors.form ? (
        <p className="field-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      {viewer.staff ? (
        <p className="muted">{t("form.postingAsStaff", { name: viewer.staff.name })}</p>
      ) : (
        <div className={`field${errors.displayName ? " has-error" : ""}`}>
          <label htmlFor={id("name")}>{t("form.name")}</label>
          <p className="field-hint" id={id("name-hint")}>
            {t("form.nameHint")}
          </p>
          {error("displayName") ? (
            <p className="field-error" id={id("name-error")}>
              {error("displayName")}
            </p>
          ) : null}
          <input
            id={id("name")}
            name="displayName"
            autoComplete="nickname"
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.displayName ? true : undefined}
            aria-describedby={`${id("name-hint")}${errors.displayName ? ` ${id("name-error")}` : ""}`}
          />
        </div>
      )}
      <div className={`field${errors.body ? " has-error" : ""}`}>
        <label htmlFor={id("body")}>{parentAuthor ? t("form.replyTo", { name: parentAuthor }) : t("form.body")}</label>
        {error("body") ? (
          <p className="field-error" id={id("body-error")}>
            {error("body")}
          </p>
        ) : null}
        <textarea
          id={id("body")}
          name="body"
          rows={parentId ? 3 : 4}
          maxLength={maxCommentLength}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? id("body-error") : undefined}
        />
        <p className="field-hint" aria-live="polite">
          {body.length > maxCommentLength - 500 ? t("form.charactersLeft", { count: maxCommentLength - body.length }) : null}
        </p>
      </div>
      {viewer.staff ? null : (
        <div className={`field rules-accept${errors.acceptRules ? " has-error" : ""}`}>
          <details className="rules-inline">
            <summary>{t("rules.summary")}</summary>
            <ol>
              {rules.map((rule, i) => (
                <li key={i}>{rule}</li>
              ))}
            </ol>
          </details>
          {error("acceptRules") ? <p className="field-error">{error("acceptRules")}</p> : null}
          <label className="checkbox">
            <input type="checkbox" name="acceptRules" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> {t("form.acceptRules")}
          </label>
        </div>
      )}
      {viewer.staff ? null : (
        <div className="outcome-opt-in">
          <label className="checkbox">
            <input type="checkbox" name="followOutcome" value="on" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            <span>{tf("comment.optIn")}</span>
          </label>
          {/* Without JavaScript the field is always there and used only when the box is ticked. */}
          {follow || !hydrated ? (
            <div className={`field${errors.followEmail ? " has-error" : ""}`}>
              <label htmlFor={id("follow-email")}>{tf("comment.email")}</label>
              <p className="field-hint" id={id("follow-hint")}>
                {tf("comment.hint")}
              </p>
              {error("followEmail") ? (
                <p className="field-error" id={id("follow-error")}>
                  {error("followEmail")}
                </p>
              ) : null}
              <input
                id={id("follow-email")}
                name="followEmail"
                type="email"
                autoComplete="email"
                inputMode="email"
                spellCheck={false}
                value={followEmail}
                onChange={(e) => setFollowEmail(e.target.value)}
                aria-invalid={errors.followEmail ? true : undefined}
                aria-describedby={`${id("follow-hint")}${errors.followEmail ? ` ${id("follow-error")}` : ""}`}
              />
            </div>
          ) : null}
        </div>
      )}
      <button type="submit" className="button">
        {parentId ? t("form.submitReply") : t("form.submit")}
      </button>
    </Form>
  );
}

function CommentItem({
  comment: c,
  lng,
  rules,
  supported,
  canInteract,
  slug,
  onSupported,
  replyHref,
  onReply,
  replyOpen,
}: {
  comment: PublicComment;
  lng: Language;
  rules: string[];
  supported: boolean;
  canInteract: boolean;
  slug: string;
  onSupported: (id: string, on: boolean, count: number) => void;
  replyHref?: string;
  onReply?: () => void;
  replyOpen?: boolean;
}) {
  const { t } = useTranslation("discussion");
  const hydrated = useHydrated();
  if (c.state === "deleted") {
    return (
      <article className="comment placeholder" id={`c-${c.id}`}>
        <p className="muted">{t("deletedComment", { ns: "privacy" })}</p>
        <span className="chip chip-static">
          <span aria-hidden="true">♥</span> {t("support", { count: c.supportCount })}
        </span>
      </article>
    );
  }
  if (c.state !== "published") {
    return (
      <article className="comment placeholder" id={`c-${c.id}`}>
        <p className="muted">
          {c.state === "hidden" && c.hiddenRule
            ? t("placeholder.hidden", { rule: c.hiddenRule, text: rules[c.hiddenRule - 1] ?? "" })
            : t("placeholder.pending")}
        </p>
      </article>
    );
  }
  const official = c.authorRole === "politician" ? "politician" : c.authorRole ? "administration" : null;
  return (
    <article className={`comment${official ? ` official official-${official}` : ""}`} id={`c-${c.id}`}>
      <p className="comment-meta">
        <strong className="comment-author">{c.authorName}</strong>
        {official ? <span className={`role-badge role-${official}`}>{t(`badge.${official}`)}</span> : null}
        {c.authorTitle ? <span className="muted small"> · {c.authorTitle}</span> : null}
        <span className="muted small">
          {" · "}
          <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lng)}</time>
        </span>
      </p>
      <p className="comment-body">{c.body}</p>
      <div className="comment-actions">
        {canInteract ? (
          <Form
            method="post"
            className="inline-form"
            onSubmit={async (event) => {
              if (!hydrated) return;
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const response = await fetch(`/c/${encodeURIComponent(slug)}/comments`, { method: "POST", body: form, headers: { Accept: "application/json" } }).catch(() => null);
              const data = response ? await response.json().catch(() => null) : null;
              if (data?.ok) onSupported(c.id, data.supported, data.supportCount);
            }}
          >
            <input type="hidden" name="intent" value="support" />
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" className={`chip${supported ? " chip-on" : ""}`} aria-pressed={supported}>
              <span aria-hidden="true">♥</span> {t("support", { count: c.supportCount })}
            </button>
          </Form>
        ) : (
          <span className="chip chip-static">
            <span aria-hidden="true">♥</span> {t("support", { count: c.supportCount })}
          </span>
        )}
        {canInteract && replyHref ? (
          onReply ? (
            <button type="button" className="chip" id={replyButtonId(c.id)} aria-expanded={!!replyOpen} onClick={onReply}>
              {t("reply")}
            </button>
          ) : (
            <a className="chip" href={replyHref}>
              {t("reply")}
            </a>
          )
        ) : null}
        <details className="report">
          <summary className="chip">{t("report.open")}</summary>
          <Form method="post" className="report-form">
            <input type="hidden" name="intent" value="report" />
            <input type="hidden" name="commentId" value={c.id} />
            <label htmlFor={`report-${c.id}`}>{t("report.which")}</label>
            <select id={`report-${c.id}`} name="rule" defaultValue="">
              <option value="" disabled>
                {t("report.choose")}
              </option>
              {rules.map((rule, i) => (
                <option key={i} value={i + 1}>
                  {i + 1}. {rule}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary small">
              {t("report.submit")}
            </button>
          </Form>
        </details>
      </div>
    </article>
  );
}

function replyButtonId(commentId: string) {
  return `reply-button-${commentId}`;
}
