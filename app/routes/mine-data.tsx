// "My data": what this device has left on the platform, to see, download and erase, and the way to
// reach what is stored under an e-mail address (a link mailed to it).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT, getLanguage } from "~/i18n/i18next.server.ts";
import type { Language } from "~/i18n/config.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { deleteDeviceData, deviceFromCookies, forgetDeviceCookies, getDeviceData, linkThrottle, requestEmailLink } from "~/modules/privacy/my-data.server.ts";
import { linkValidMs } from "~/modules/privacy/email-link.server.ts";
import { ConsultationLink, EraseForm, ExportBlock, HearingResponseList, Time, privacyStylesHref } from "~/modules/privacy/ui/data-views.tsx";
import { TextField } from "~/components/ui/field.tsx";
import { publicOrigin } from "~/utils/env.server.ts";
import { pageMeta } from "~/utils/meta.ts";
import { retryAfterHeaders } from "~/utils/retry-after.ts";

export const handle = { i18n: ["common", "privacy"] };

export const links = () => [{ rel: "stylesheet", href: privacyStylesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [device, t, municipality] = await Promise.all([deviceFromCookies(request.headers.get("Cookie")), getFixedT(request, "privacy"), getMunicipality()]);
  const mine = await getDeviceData(device);
  // How long an e-mail link works; from the loader, as the server module is not in the browser.
  const hours = Math.round(linkValidMs / 3600_000);
  return data({ device: mine, hours, title: t("myData.metaTitle"), description: t("myData.intro"), siteName: municipality.name }, { headers: { "Cache-Control": "private, no-store" } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [...pageMeta({ title: data.title, description: data.description, siteName: data.siteName }), { name: "robots", content: "noindex" }] : [];

type ActionResult =
  | { intent: "email"; ok: true; email: string }
  | { intent: "email"; ok: false; error: string; minutes?: number; email: string }
  | { intent: "delete"; ok: false; error: string };

// A refused post answered as a whole page carries its Retry-After (app/utils/retry-after.ts).
export const headers = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : "";
  };
  const secure = new URL(request.url).protocol === "https:";

  if (field("intent") === "delete") {
    if (field("confirm") !== "yes") return data<ActionResult>({ intent: "delete", ok: false, error: "myData.delete.confirmRequired" }, { status: 400 });
    const device = await deviceFromCookies(request.headers.get("Cookie"));
    const result = device.participantId ? await deleteDeviceData(device.participantId) : null;
    const headers = new Headers();
    for (const cookie of await forgetDeviceCookies(secure)) headers.append("Set-Cookie", cookie);
    const erased = result || device.voterToken ? "1" : "0";
    return redirect(`/mine-data?slettet=${erased}`, { headers });
  }

  if (field("intent") === "email") {
    const email = field("email");
    const wait = await linkThrottle(context.clientAddress ?? "unknown");
    if (wait > 0) {
      return data<ActionResult>(
        { intent: "email", ok: false, error: "myData.email.tooMany", minutes: Math.ceil(wait / 60), email },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
    const locale: Language = await getLanguage(request);
    const result = await requestEmailLink({ email }, { locale, origin: publicOrigin(request) });
    if (result.ok) return data<ActionResult>({ intent: "email", ok: true, email: result.value.email });
    return data<ActionResult>({ intent: "email", ok: false, error: result.errors.email ?? "myData.email.invalid", email }, { status: 400 });
  }

  return data({ intent: "delete", ok: false, error: "myData.delete.confirmRequired" } as ActionResult, { status: 400 });
}

export default function MyData() {
  const { device, hours } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation("privacy");
  const lng = i18n.language as Language;
  const erased = params.get("slettet");

  return (
    <div className="page narrow">
      <h1>{t("myData.metaTitle")}</h1>
      <p className="lead">{t("myData.intro")}</p>
      <p>
        <Link to="/privatliv">{t("myData.privacyLink")}</Link>
      </p>
      {erased ? (
        <p className="flash" role="status">
          {erased === "1" ? t("myData.delete.done") : t("myData.delete.nothing")}
        </p>
      ) : null}

      <section className="my-data-section" aria-labelledby="device-title">
        <h2 id="device-title">{t("myData.device.title")}</h2>
        {device.empty ? (
          <p>{t("myData.device.empty")}</p>
        ) : (
          <>
            <p>{t("myData.device.summary")}</p>
            {device.participant ? (
              <dl className="data-facts">
                <dt>{t("myData.device.pseudonym")}</dt>
                <dd>{device.participant.pseudonym ?? t("myData.device.noPseudonym")}</dd>
                <dt>{t("myData.device.firstSeen")}</dt>
                <dd>
                  <Time value={device.participant.firstSeenAt} lng={lng} dateOnly />
                </dd>
              </dl>
            ) : null}
            {device.participant?.blocked ? <p className="notice notice-warning">{t("myData.device.blocked")}</p> : null}

            {device.comments.length > 0 ? (
              <>
                <h3>{t("myData.comments.title", { count: device.comments.length })}</h3>
                <ul className="data-list">
                  {device.comments.map((c) => (
                    <li key={c.id}>
                      <p className="data-item-meta">
                        <span>{c.isReply ? t("myData.comments.reply") : t("myData.comments.comment")}</span>
                        <ConsultationLink consultation={c.consultation} />
                        <Time value={c.createdAt} lng={lng} />
                        <span className={`state-tag state-${c.status}`}>{t(`myData.comments.status.${c.status}`, { defaultValue: c.status })}</span>
                        <span>{t("myData.comments.supports", { count: c.supportCount })}</span>
                      </p>
                      <p className="data-item-text">{c.text}</p>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            {device.supports.length > 0 ? (
              <>
                <h3>{t("myData.supports.title", { count: device.supports.length })}</h3>
                <ul className="data-list">
                  {device.supports.map((s) => (
                    <li key={s.commentId}>
                      <p className="data-item-meta">
                        <Link to={`/c/${s.consultation.slug}#c-${s.commentId}`}>{t("myData.supports.item", { title: s.consultation.title })}</Link>
                        <Time value={s.createdAt} lng={lng} />
                      </p>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            {device.reports.length > 0 ? (
              <>
                <h3>{t("myData.reports.title", { count: device.reports.length })}</h3>
                <ul className="data-list">
                  {device.reports.map((r) => (
                    <li key={r.commentId}>
                      <p className="data-item-meta">
                        <span>{t("myData.reports.item", { rule: r.rule, title: r.consultation.title })}</span>
                        <Time value={r.createdAt} lng={lng} />
                      </p>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            {device.hearingResponses.length > 0 ? (
              <>
                <h3>{t("myData.hearing.title", { count: device.hearingResponses.length })}</h3>
                <p className="muted">{t("myData.hearing.viaEmail")}</p>
                <HearingResponseList responses={device.hearingResponses} lng={lng} />
              </>
            ) : null}

            {device.pollVotes.length > 0 ? (
              <>
                <h3>{t("myData.votes.title", { count: device.pollVotes.length })}</h3>
                <p className="muted">{t("myData.votes.explain")}</p>
                <ul className="data-list">
                  {device.pollVotes.map((v) => (
                    <li key={v.pollId}>
                      <p className="data-item-meta">
                        <ConsultationLink consultation={v.consultation} />
                        <Time value={v.votedAt} lng={lng} />
                        {v.ageGroup ? <span>{t("myData.votes.ageGroup", { group: v.ageGroup })}</span> : null}
                      </p>
                      <ul>
                        {v.answers.map((a, i) => (
                          <li key={i}>
                            {a.question}: <strong>{a.answer}</strong>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <ExportBlock href="/mine-data/eksport" body={t("myData.export.body")} />
          </>
        )}
      </section>

      {device.empty ? null : (
        <EraseForm
          title={t("myData.delete.title")}
          body={t("myData.delete.body")}
          confirmLabel={t("myData.delete.confirm")}
          error={result?.intent === "delete" && !result.ok ? t(result.error) : undefined}
        />
      )}

      <EmailLinkSection hours={hours} result={result?.intent === "email" ? result : undefined} />
    </div>
  );
}

function EmailLinkSection({ hours, result }: { hours: number; result?: Extract<ActionResult, { intent: "email" }> }) {
  const { t } = useTranslation("privacy");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "email";
  return (
    <section className="my-data-section" aria-labelledby="email-title">
      <h2 id="email-title">{t("myData.email.title")}</h2>
      <p>{t("myData.email.body", { hours })}</p>
      {result?.ok ? (
        <p className="flash" role="status">
          {t("myData.email.sent", { email: result.email, hours })}
        </p>
      ) : (
        <Form method="post" noValidate className="email-link-form">
          <input type="hidden" name="intent" value="email" />
          <TextField
            label={t("myData.email.label")}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            defaultValue={result && !result.ok ? result.email : undefined}
            error={result && !result.ok ? t(result.error, { minutes: result.minutes }) : undefined}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("myData.email.sending") : t("myData.email.button")}
          </button>
        </Form>
      )}
    </section>
  );
}
