/**
 * "Follow this consultation": an address and an explicit yes, answered with "check your inbox".
 * A plain form posting to /c/:slug/foelg, which shows the answer on its own page without
 * JavaScript; with JavaScript the same form goes through a fetcher and the answer appears in place.
 */
import { useEffect, useId, useRef, useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/field.tsx";
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";
import { followAvailability } from "../availability.ts";
import stylesHref from "./follow.css";

export const followStylesHref = stylesHref;

export type FollowResult =
  | { ok: true; email: string }
  | { ok: false; errors: Partial<Record<string, string>>; values?: { email?: string; consent?: string }; minutes?: number };

type Props = {
  slug: string;
  /** The consultation's effective status: after the outcome there is nothing to follow. */
  status: ConsultationStatus;
  /** The answer to a post made without JavaScript, rendered by the follow page. */
  result?: FollowResult;
  /** The id of a heading that already names the form (the follow page's own); else it has one. */
  labelledBy?: string;
};

export function FollowForm(props: Props) {
  const { t } = useTranslation("follow");
  const titleId = `${useId()}-follow`;
  // "Another address" starts a fresh form with a fresh fetcher, and forgets a no-JavaScript answer.
  const [round, setRound] = useState(0);
  const availability = followAvailability(props.status);
  const labelledBy = props.labelledBy ?? titleId;

  return (
    <section className="follow" aria-labelledby={labelledBy}>
      {props.labelledBy ? null : (
        <h2 id={titleId} className="follow-title">
          <BellIcon />
          {t("section.title")}
        </h2>
      )}
      {availability === "available" ? (
        <FollowRound
          key={round}
          slug={props.slug}
          status={props.status}
          result={round === 0 ? props.result : undefined}
          onAgain={() => setRound((r) => r + 1)}
        />
      ) : (
        <p>{t(`section.${availability}`)}</p>
      )}
    </section>
  );
}

function FollowRound({ slug, status, result, onAgain }: { slug: string; status: ConsultationStatus; result?: FollowResult; onAgain: () => void }) {
  const { t, i18n } = useTranslation("follow");
  const fetcher = useFetcher<FollowResult>();
  const id = useId();
  const shown = fetcher.data ?? result;
  const busy = fetcher.state !== "idle";
  const sentRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Move focus to what changed, so keyboard and screen-reader users are not left on a vanished button.
  useEffect(() => {
    if (!fetcher.data) return;
    if (fetcher.data.ok) sentRef.current?.focus();
    else formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [fetcher.data]);

  if (shown?.ok) {
    return (
      <div className="follow-sent" role="status" tabIndex={-1} ref={sentRef}>
        <p className="follow-sent-title">
          <MailIcon />
          {t("sent.title")}
        </p>
        <p>{t("sent.body", { email: shown.email })}</p>
        <p className="muted small">{t("sent.spam")}</p>
        <p className="small">
          <Link
            to={`/c/${slug}/foelg`}
            onClick={(event) => {
              event.preventDefault();
              onAgain();
            }}
          >
            {t("sent.again")}
          </Link>
        </p>
      </div>
    );
  }

  const errors = shown?.errors ?? {};
  const values = shown?.values ?? {};
  const error = (field: string) => (errors[field] ? t(errors[field]!, { minutes: shown && !shown.ok ? shown.minutes : undefined }) : undefined);
  const consentError = error("consent");

  return (
    <>
      <p>{status === "closed" ? t("section.introClosed") : t("section.intro")}</p>
      <fetcher.Form method="post" action={`/c/${slug}/foelg`} noValidate className="follow-form" ref={formRef}>
        <input type="hidden" name="locale" value={i18n.language} />
        {errors.form ? (
          <p className="field-error" role="alert">
            {error("form")}
          </p>
        ) : null}
        <TextField
          label={t("form.email")}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          required
          hint={t("form.emailHint")}
          defaultValue={values.email}
          error={error("email")}
        />
        <div className={`field follow-consent${consentError ? " has-error" : ""}`}>
          {consentError ? (
            <p className="field-error" id={`${id}-consent-error`}>
              {consentError}
            </p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              name="consent"
              value="on"
              required
              defaultChecked={values.consent === "on"}
              aria-invalid={consentError ? true : undefined}
              aria-describedby={[`${id}-privacy`, consentError ? `${id}-consent-error` : null].filter(Boolean).join(" ")}
            />
            <span>{t("form.consent")}</span>
          </label>
          <p className="field-hint" id={`${id}-privacy`}>
            {t("form.privacy")} <Link to="/privatliv">{t("followLink", { ns: "privacy" })}</Link>
          </p>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.submitting") : t("form.submit")}
        </button>
      </fetcher.Form>
    </>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
      <path d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 14h13L15 10.7V7.5a5 5 0 0 0-5-5zM8 15.5a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}

function MailIcon() {
  return (
    <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
      <path d="M2.5 4.5h15v11h-15zM2.5 5l7.5 6 7.5-6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}
