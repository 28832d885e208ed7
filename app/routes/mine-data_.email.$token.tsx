// What is stored under an e-mail address, opened from the link mailed to it. The token is the proof
// that the reader controls the address (modules/privacy/email-link.server.ts); without a valid one
// the page shows nothing but how to ask for a new link.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { deleteEmailData, getEmailData } from "~/modules/privacy/my-data.server.ts";
import { linkValidMs, verifyEmailLinkToken } from "~/modules/privacy/email-link.server.ts";
import { ConsultationLink, EraseForm, ExportBlock, HearingResponseList, Time, privacyStylesHref } from "~/modules/privacy/ui/data-views.tsx";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import { pageMeta } from "~/utils/meta.ts";

export const handle = { i18n: ["common", "privacy"] };

export const links = () => [{ rel: "stylesheet", href: privacyStylesHref }];

// The address is in the link: no other site may be told it through the Referer header.
const privateHeaders = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [t, municipality] = await Promise.all([getFixedT(request, "privacy"), getMunicipality()]);
  const proof = verifyEmailLinkToken(params.token ?? "");
  // Computed here: the server module that knows it is not part of the browser's bundle.
  const meta = { title: t("emailData.metaTitle"), siteName: municipality.name, hours: Math.round(linkValidMs / 3600_000) };
  if (!proof) return data({ ...meta, owner: null }, { status: 404, headers: privateHeaders });
  const stored = await getEmailData(proof.email);
  return data({ ...meta, owner: { ...stored, expiresAt: proof.expiresAt, token: params.token ?? "" } }, { headers: privateHeaders });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const proof = verifyEmailLinkToken(params.token ?? "");
  if (!proof) throw new Response("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  if (form?.get("intent") !== "delete" || form.get("confirm") !== "yes") {
    return data({ erased: null, error: "myData.delete.confirmRequired" }, { status: 400, headers: privateHeaders });
  }
  await deleteEmailData(proof.email);
  return data({ erased: proof.email, error: null }, { headers: privateHeaders });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? pageMeta({ title: data.title, siteName: data.siteName }) : []),
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

export default function EmailData() {
  const { owner, hours } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("privacy");
  const lng = i18n.language as Language;

  if (!owner) {
    return (
      <div className="page narrow">
        <h1>{t("emailData.expiredTitle")}</h1>
        <p className="lead">{t("emailData.expiredBody", { hours })}</p>
        <p>
          <Link className="button" to="/mine-data">
            {t("emailData.back")}
          </Link>
        </p>
      </div>
    );
  }

  const empty = owner.following.length + owner.hearingResponses.length + owner.mail.length === 0;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to="/mine-data">{t("emailData.back")}</Link>
      </p>
      <h1>{t("emailData.title", { email: owner.email })}</h1>
      <p className="lead">{t("emailData.intro", { time: formatDateTime(owner.expiresAt, lng) })}</p>
      {result?.erased ? (
        <p className="flash" role="status">
          {t("emailData.delete.done", { email: result.erased })}
        </p>
      ) : null}

      <section className="my-data-section" aria-labelledby="stored-title">
        <h2 id="stored-title" className="visually-hidden">
          {t("emailData.metaTitle")}
        </h2>
        {empty ? <p>{t("emailData.empty")}</p> : null}

        {owner.following.length > 0 ? (
          <>
            <h3>{t("emailData.following.title", { count: owner.following.length })}</h3>
            <ul className="data-list">
              {owner.following.map((f) => (
                <li key={f.consultation.slug}>
                  <p className="data-item-meta">
                    <ConsultationLink consultation={f.consultation} />
                    <span>{t("emailData.following.since", { date: formatDate(f.consentAt, lng) })}</span>
                  </p>
                  <p className="data-item-meta">
                    <span className={`state-tag${f.confirmed ? "" : " state-held"}`}>
                      {f.confirmed ? t("emailData.following.confirmed") : t("emailData.following.pending")}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {owner.hearingResponses.length > 0 ? (
          <>
            <h3>{t("emailData.hearingTitle", { count: owner.hearingResponses.length })}</h3>
            <HearingResponseList responses={owner.hearingResponses} lng={lng} />
          </>
        ) : null}

        {owner.mail.length > 0 ? (
          <>
            <h3>{t("emailData.mail.title", { count: owner.mail.length })}</h3>
            <ul className="data-list">
              {owner.mail.map((m, i) => (
                <li key={i}>
                  <p className="data-item-meta">
                    <Time value={m.createdAt} lng={lng} />
                    <span className="state-tag">{t(`emailData.mail.status.${m.status}`, { defaultValue: m.status })}</span>
                  </p>
                  <p className="data-item-text">{m.subject}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {empty ? null : <ExportBlock href={`/mine-data/email/${owner.token}/eksport`} body={t("emailData.export.body")} />}
      </section>

      {empty ? null : (
        <EraseForm
          title={t("emailData.delete.title")}
          body={t("emailData.delete.body")}
          confirmLabel={t("emailData.delete.confirm")}
          error={result?.error ? t(result.error) : undefined}
        />
      )}
    </div>
  );
}
