// The trailing underscore renders this page inside the admin layout but not inside the edit page
// of the consultation: the URL is /admin/consultations/:id/responses.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";
import { listResponsesForStaff, type StaffHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { formatDateTime, formatNumber } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import { Paragraphs } from "~/components/ui/paragraphs.tsx";
import stylesHref from "~/modules/hearing-responses/ui/hearing-responses.css";

export const handle = { i18n: ["common", "admin", "consultations", "hearing"] };

export const links = () => [{ rel: "stylesheet", href: stylesHref }];

/** All responses to a hearing, private and held ones included: staff read every one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "responses:read");
  const list = await listResponsesForStaff(params.id ?? "", user.municipalityId);
  if (!list || list.consultation.kind !== "hearing") throw new Response("Not found", { status: 404 });
  const t = await getFixedT(request, "hearing");
  // Addresses never leave the server for a role that does not answer responders.
  const responses: ShownResponse[] = can(user.role, "responses:contact") ? list.responses : list.responses.map((r) => ({ ...r, email: null }));
  return { ...list, responses, title: t("staff.metaTitle", { title: list.consultation.title }) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function StaffHearingResponses() {
  const { consultation: c, responses, total } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("hearing");
  const lng = i18n.language as Language;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/admin/consultations/${c.id}`}>{c.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <div className="card-meta">
            <KindBadge kind="hearing" />
            <StatusLabel status={c.status} />
          </div>
          <h1>{t("staff.title")}</h1>
          <p className="lead">{c.title}</p>
        </div>
      </div>
      <p className="staff-response-count">
        <strong>{t("staff.count", { total: formatNumber(total, lng) })}</strong> {t("staff.allRead")}
      </p>
      {responses.length === 0 ? (
        <p className="empty">{t("staff.empty")}</p>
      ) : (
        <ol className="staff-response-list">
          {responses.map((r) => (
            <li key={r.id}>
              <StaffResponse response={r} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** A response as this reader may see it: without the e-mail address unless they answer responders. */
type ShownResponse = Omit<StaffHearingResponse, "email"> & { email: string | null };

function StaffResponse({ response: r }: { response: ShownResponse }) {
  const { t, i18n } = useTranslation("hearing");
  const lng = i18n.language as Language;
  const headingId = `response-${r.id}`;
  // "Published" would mislead for a response its author asked to keep private.
  const statusKey = r.status === "published" && r.publication === "private" ? "notPublic" : r.status;
  return (
    <article className="panel staff-response" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="mono">{r.receiptNumber}</span> · {r.name}
      </h2>
      <dl className="response-facts">
        <div>
          <dt>{t("staff.received")}</dt>
          <dd>{formatDateTime(r.createdAt, lng)}</dd>
        </div>
        <div>
          <dt>{t("staff.name")}</dt>
          <dd>{r.name}</dd>
        </div>
        {r.email ? (
          <div>
            <dt>{t("staff.email")}</dt>
            <dd>
              <a href={`mailto:${r.email}`}>{r.email}</a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("staff.organisation")}</dt>
          <dd>{r.organisation ?? <span className="muted">{t("staff.none")}</span>}</dd>
        </div>
        <div>
          <dt>{t("staff.publication")}</dt>
          <dd>{t(`publication.${r.publication}.staff`)}</dd>
        </div>
        <div>
          <dt>{t("staff.status")}</dt>
          <dd>
            <span className={`status-label response-status-${statusKey}`}>{t(`responseStatus.${statusKey}`)}</span>
            {r.heldReasons.length > 0 ? (
              <span className="held-reasons">
                {" "}
                {t("staff.heldBecause", { reasons: r.heldReasons.map((reason) => t(`heldReason.${reason}`, { defaultValue: reason })).join(", ") })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("staff.attachment")}</dt>
          <dd>
            {r.attachment ? (
              <a href={r.attachment.url}>
                {t("staff.attachmentLink", { name: r.attachment.name, size: formatNumber(Math.max(1, Math.round(r.attachment.sizeBytes / 1024)), lng) })}
              </a>
            ) : (
              <span className="muted">{t("staff.none")}</span>
            )}
          </dd>
        </div>
      </dl>
      <h3 className="visually-hidden">{t("staff.text")}</h3>
      <Paragraphs text={r.body} className="response-text" />
    </article>
  );
}
