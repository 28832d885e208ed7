// The trailing underscore keeps this page out of the consultation page's layout: the URL is
// /c/:slug/foelg, rendered on its own. The consultation page's follow form posts here; without
// JavaScript the answer is shown on this page, with it the form reads the answer in place.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { followConsultation, followThrottle, getFollowTarget } from "~/modules/followers/followers.server.ts";
import { FollowForm, followStylesHref, type FollowResult } from "~/modules/followers/ui/follow-form.tsx";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { isConsultationKind } from "~/modules/consultations/kinds.ts";
import { getFixedT, getLanguage } from "~/i18n/i18next.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";
import { pageMeta } from "~/utils/meta.ts";
import { retryAfterHeaders } from "~/utils/retry-after.ts";

export const handle = { i18n: ["common", "consultations", "follow"] };

export const links = () => [{ rel: "stylesheet", href: followStylesHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const target = await getFollowTarget(params.slug ?? "");
  if (!target) throw new Response("Not found", { status: 404 });
  const [t, municipality] = await Promise.all([getFixedT(request, "follow"), getMunicipality()]);
  return {
    consultation: { slug: target.slug, title: target.title, kind: target.kind, status: target.status },
    title: t("page.metaTitle", { title: target.title }),
    siteName: municipality.name,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [...pageMeta({ title: data.title, siteName: data.siteName }), { name: "robots", content: "noindex" }] : [];

// A refused post answered as a whole page carries its Retry-After (app/utils/retry-after.ts).
export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const target = await getFollowTarget(params.slug ?? "");
  if (!target) throw new Response("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  if (!form) return data<FollowResult>({ ok: false, errors: { email: "validation.emailInvalid" } }, { status: 400 });
  const input = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const values = { email: input.email ?? "", consent: input.consent ?? "" };

  const wait = await followThrottle(context.clientAddress ?? "unknown");
  if (wait > 0) {
    return data<FollowResult>(
      { ok: false, errors: { form: "validation.tooMany" }, minutes: Math.ceil(wait / 60), values },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const result = await followConsultation(target.id, input, { pageLanguage: await getLanguage(request), origin: publicOrigin(request) });
  if (result.ok) return data<FollowResult>({ ok: true, email: result.value.email });
  const status = result.errors.form === "validation.notFound" ? 404 : result.errors.form ? 409 : 400;
  return data<FollowResult>({ ok: false, errors: result.errors, values }, { status });
}

export default function FollowPage() {
  const { consultation: c } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("follow");
  return (
    <div className="page narrow follow-page">
      <p className="breadcrumb">
        <Link to={`/c/${c.slug}`}>{t("page.back")}</Link>
      </p>
      <header className={`consultation-header accent-${c.kind}`}>
        {isConsultationKind(c.kind) ? (
          <div className="card-meta">
            <KindBadge kind={c.kind} size="lg" />
          </div>
        ) : null}
        <h1 id="follow-page-title">{t("section.title")}</h1>
        <p className="lead">{t("page.about", { title: c.title })}</p>
      </header>
      <div className="form-card">
        <FollowForm slug={c.slug} status={c.status} result={result} labelledBy="follow-page-title" />
      </div>
    </div>
  );
}
