// The trailing underscore keeps this page out of the consultation page's layout: the URL is still
// /c/:slug/hoeringssvar, but it renders on its own instead of inside /c/:slug.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, UploadHandler } from "@remix-run/node";
import { data, redirect, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { getHearingForResponse, submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { maxAttachmentBytes, publicationChoices, submitErrors } from "~/modules/hearing-responses/rules.ts";
import { countResponse, responseWait } from "~/modules/hearing-responses/response-limits.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { FormErrorSummary, TextField } from "~/components/ui/field.tsx";
import { useHydrated } from "~/components/ui/use-hydrated.ts";
import { getFixedT, getLanguage } from "~/i18n/i18next.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";
import { formatDateTime } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";
import type { Language } from "~/i18n/config.ts";
import stylesHref from "~/modules/hearing-responses/ui/hearing-responses.css";
import { followStylesHref } from "~/modules/followers/ui/follow-form.tsx";
import { retryAfterHeaders } from "~/utils/retry-after.ts";

export const handle = { i18n: ["common", "consultations", "hearing", "follow"] };

export const links = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "stylesheet", href: followStylesHref },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const hearing = await getHearingForResponse(params.slug ?? "");
  if (!hearing) throw new Response("Not found", { status: 404 });
  const [t, municipality] = await Promise.all([getFixedT(request, "hearing"), getMunicipality()]);
  return {
    hearing: {
      slug: hearing.slug,
      title: hearing.title,
      promise: hearing.promise,
      status: hearing.status,
      opensAt: hearing.opensAt,
      closesAt: hearing.closesAt,
      acceptsInput: hearing.acceptsInput,
    },
    title: t("form.metaTitle", { title: hearing.title }),
    siteName: municipality.name,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: data.title, siteName: data.siteName }) : [];

const textFields = ["name", "email", "organisation", "body", "publication", "followOutcome"] as const;
type Values = Partial<Record<(typeof textFields)[number], string>>;

type ActionResult =
  | { kind: "invalid"; errors: Partial<Record<string, string>>; values: Values; attachmentName: string | null }
  | { kind: "refused"; reason: string; values: Values; opensAt: Date; closesAt: Date };

// A refused post answered as a whole page carries its Retry-After (app/utils/retry-after.ts).
export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  // The deadline is judged by when the response arrived, not by when a large upload finished.
  const receivedAt = new Date();
  const hearing = await getHearingForResponse(params.slug ?? "", receivedAt);
  if (!hearing) throw new Response("Not found", { status: 404 });

  let form: FormData;
  try {
    form = request.headers.get("Content-Type")?.startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(request, keepWhatWasTyped)
      : await request.formData();
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response("Bad request", { status: 400 });
  }
  const values: Values = {};
  for (const key of textFields) {
    const value = form.get(key);
    if (typeof value === "string") values[key] = value;
  }
  const file = form.get("attachment");
  const attachment = file instanceof File ? file : null;
  const wait = context.clientAddress ? await responseWait(context.clientAddress) : 0;
  if (wait > 0) {
    return data<ActionResult>(
      { kind: "invalid", errors: { form: "validation.tooMany" }, values, attachmentName: null },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }

  const result = await submitHearingResponse(hearing.id, { ...values, attachment }, receivedAt, {
    locale: await getLanguage(request),
    origin: publicOrigin(request),
  });
  if (result.ok) {
    if (context.clientAddress) await countResponse(context.clientAddress);
    throw redirect(`/c/${hearing.slug}/hoeringssvar/kvittering/${result.value.receiptNumber}`);
  }
  const reason = result.errors.form;
  if (reason === submitErrors.closed || reason === submitErrors.notOpenYet || reason === submitErrors.notHearing) {
    return data<ActionResult>(
      { kind: "refused", reason, values, opensAt: hearing.opensAt, closesAt: hearing.closesAt },
      { status: 409 },
    );
  }
  return data<ActionResult>(
    { kind: "invalid", errors: result.errors, values, attachmentName: attachment && attachment.size > 0 ? attachment.name.slice(0, 200) : null },
    { status: 400 },
  );
}

/** Text parts are kept whole; far more than any form holds is refused outright. */
const maxTextPartBytes = 1024 * 1024;

/**
 * Unlike the stock memory handler, an oversized attachment does not abort the parse: its first
 * bytes are kept (enough to exceed the limit) and the rest is drained, so the command refuses the
 * file with a message while the name and text the author typed still come back to the form.
 */
const keepWhatWasTyped: UploadHandler = async ({ name, filename, data: stream }) => {
  const isFile = typeof filename === "string";
  const keepUpTo = isFile ? maxAttachmentBytes + 1 : maxTextPartBytes;
  const chunks: BlobPart[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (!isFile && total > maxTextPartBytes) throw new Response("Payload too large", { status: 413 });
    if (kept < keepUpTo) {
      // The parser hands out views of ordinary (never shared) buffers.
      chunks.push(chunk as Uint8Array<ArrayBuffer>);
      kept += chunk.byteLength;
    }
  }
  if (!isFile) return new Blob(chunks).text();
  return name === "attachment" ? new File(chunks, filename) : undefined;
};

export default function HearingResponseForm() {
  const { hearing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("hearing");
  const { t: tc } = useTranslation("consultations");
  const lng = i18n.language as Language;
  // After a refusal the page's data is from before the deadline passed; the refusal is newer.
  const refused = actionData?.kind === "refused" ? actionData : undefined;
  const closesAt = refused?.closesAt ?? hearing.closesAt;
  const accepting = hearing.acceptsInput && !refused;
  const notOpenYet = refused ? refused.reason === submitErrors.notOpenYet : hearing.status === "scheduled";

  return (
    <div className="page narrow hearing-response-page">
      <p className="breadcrumb">
        <Link to={`/c/${hearing.slug}`}>{t("form.back")}</Link>
      </p>
      <header className="consultation-header accent-hearing">
        <div className="card-meta">
          <KindBadge kind="hearing" size="lg" />
        </div>
        <h1>{t("form.title")}</h1>
        <p className="lead">{t("form.about", { title: hearing.title })}</p>
        <p className={`status-banner ${accepting ? "banner-open" : ""}`}>
          {accepting
            ? t("form.deadline", { closes: formatDateTime(closesAt, lng) })
            : notOpenYet
              ? t("form.opensLater", { opens: formatDateTime(hearing.opensAt, lng) })
              : t("form.closedBanner", { closes: formatDateTime(closesAt, lng) })}
        </p>
      </header>

      <section className="panel promise" aria-labelledby="promise-title">
        <h2 id="promise-title">{tc("kind.hearing.promiseHeading")}</h2>
        <p>{hearing.promise}</p>
      </section>

      {refused ? (
        <Refused result={refused} />
      ) : accepting ? (
        <ResponseForm result={actionData?.kind === "invalid" ? actionData : undefined} />
      ) : (
        <div className="panel">
          <h2>{notOpenYet ? t("form.notOpenTitle") : t("form.closedTitle")}</h2>
          <p>
            {notOpenYet
              ? t("form.notOpenBody", { opens: formatDateTime(hearing.opensAt, lng) })
              : t("form.closedBody", { closes: formatDateTime(closesAt, lng) })}
          </p>
          <p>
            <Link to={`/c/${hearing.slug}`}>{t("form.back")}</Link>
          </p>
        </div>
      )}
    </div>
  );
}

function ResponseForm({ result }: { result?: Extract<ActionResult, { kind: "invalid" }> }) {
  const { t } = useTranslation("hearing");
  const { t: tf } = useTranslation("follow");
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const error = (field: string) => (errors[field] ? t(errors[field]!) : undefined);
  const messages = [...new Set(Object.values(errors).filter((e): e is string => Boolean(e)).map((k) => t(k)))];
  const publicationId = useId();
  const hydrated = useHydrated();
  const publicationError = error("publication");

  return (
    <div className="form-card">
      <h2>{t("form.yourResponse")}</h2>
      <FormErrorSummary title={t("form.errorTitle")} messages={messages} />
      <Form method="post" encType="multipart/form-data" noValidate>
        <TextField label={t("form.name")} name="name" autoComplete="name" required defaultValue={values.name} error={error("name")} />
        <TextField
          label={t("form.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          hint={t("form.emailHint")}
          defaultValue={values.email}
          error={error("email")}
        />
        <TextField
          label={t("form.organisation")}
          name="organisation"
          autoComplete="organization"
          hint={t("form.organisationHint")}
          defaultValue={values.organisation}
          error={error("organisation")}
        />
        <TextField
          label={t("form.body")}
          name="body"
          multiline
          rows={12}
          required
          hint={t("form.bodyHint")}
          defaultValue={values.body}
          error={error("body")}
        />
        <TextField
          label={t("form.attachment")}
          name="attachment"
          type="file"
          accept="application/pdf,.pdf"
          hint={
            // Without JavaScript the page is rendered anew and the browser forgets the chosen file;
            // with it, the file stays chosen and the reminder would only confuse.
            result?.attachmentName && !errors.attachment && !hydrated
              ? `${t("form.attachmentHint")} ${t("form.attachmentChooseAgain", { file: result.attachmentName })}`
              : t("form.attachmentHint")
          }
          error={error("attachment")}
        />
        <fieldset className={`choice-group${publicationError ? " has-error" : ""}`} aria-describedby={`${publicationId}-hint`}>
          <legend>
            {t("form.publication")}
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          </legend>
          <p className="field-hint" id={`${publicationId}-hint`}>
            {t("form.publicationHint")}
          </p>
          {publicationError ? (
            <p className="field-error" id={`${publicationId}-error`}>
              <ErrorIcon />
              {publicationError}
            </p>
          ) : null}
          {publicationChoices.map((choice) => (
            <div className="publication-choice" key={choice}>
              <input
                type="radio"
                name="publication"
                value={choice}
                id={`${publicationId}-${choice}`}
                required
                defaultChecked={values.publication === choice}
                aria-invalid={publicationError ? true : undefined}
                aria-describedby={[`${publicationId}-${choice}-hint`, publicationError ? `${publicationId}-error` : null].filter(Boolean).join(" ")}
              />
              <div>
                {/* The explanation sits outside the label, so the choice's name stays short. */}
                <label htmlFor={`${publicationId}-${choice}`} className="publication-choice-label">
                  {t(`publication.${choice}.label`)}
                </label>
                <p className="field-hint" id={`${publicationId}-${choice}-hint`}>
                  {t(`publication.${choice}.hint`)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <div className="outcome-opt-in">
          <label className="checkbox">
            <input
              type="checkbox"
              name="followOutcome"
              value="on"
              defaultChecked={values.followOutcome === "on"}
              aria-describedby={`${publicationId}-follow-hint`}
            />
            <span>{tf("hearing.optIn")}</span>
          </label>
          <p className="field-hint" id={`${publicationId}-follow-hint`}>
            {tf("hearing.hint")}
          </p>
        </div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t("form.submitting") : t("form.submit")}
        </button>
      </Form>
    </div>
  );
}

/** Too late (or too early): the text is shown back read-only so the author can keep it. */
function Refused({ result }: { result: Extract<ActionResult, { kind: "refused" }> }) {
  const { t, i18n } = useTranslation("hearing");
  const lng = i18n.language as Language;
  const textId = useId();
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  const message =
    result.reason === submitErrors.notOpenYet
      ? t("refused.notOpenYet", { opens: formatDateTime(result.opensAt, lng) })
      : t("refused.closed", { closes: formatDateTime(result.closesAt, lng) });
  const text = result.values.body ?? "";

  return (
    <div className="form-card">
      <div className="error-summary" role="alert" tabIndex={-1}>
        <h2>{t("refused.title")}</h2>
        <p>{message}</p>
      </div>
      {text.trim() ? (
        <div className="field">
          <label htmlFor={textId}>{t("refused.yourText")}</label>
          <p className="field-hint" id={`${textId}-hint`}>
            {t("refused.copyHint")}
          </p>
          <textarea id={textId} readOnly rows={12} defaultValue={text} aria-describedby={`${textId}-hint`} />
          {hydrated ? (
            <p className="copy-row">
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  navigator.clipboard?.writeText(text).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  );
                }}
              >
                {t("refused.copy")}
              </button>
              <span role="status">{copied ? t("refused.copied") : ""}</span>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The same mark as beside the other fields' errors, so an error never relies on colour alone. */
function ErrorIcon() {
  return (
    <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8" fill="currentColor" />
      <path d="M10 5.5v5.5M10 13.5v1" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
