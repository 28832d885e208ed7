import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { moderationLog } from "~/modules/moderation/moderation.server.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { formatDateTime } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";

export const handle = { i18n: ["common", "admin", "moderation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderation:act");
  const t = await getFixedT(request, "moderation");
  return { entries: await moderationLog(user.municipalityId), title: t("log.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ModerationLogPage() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("moderation");
  const lng = i18n.language as Language;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/admin/moderation">{t("queue.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("log.title")}</h1>
        <a href="/admin/moderation/log.csv" className="button secondary" download>
          {t("log.export")}
        </a>
      </div>
      <p className="lead">{t("log.intro")}</p>
      {entries.length === 0 ? (
        <p className="empty">{t("log.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("log.col.when")}</th>
                <th scope="col">{t("log.col.who")}</th>
                <th scope="col">{t("log.col.action")}</th>
                <th scope="col">{t("log.col.rule")}</th>
                <th scope="col">{t("log.col.target")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt, lng)}</td>
                  <td>{e.actorName}</td>
                  <th scope="row">{t(`logAction.${e.action}`)}</th>
                  <td>{e.rule ?? "–"}</td>
                  <td className="mono small">{e.commentId ?? e.hearingResponseId ?? e.participantId ?? e.consultationId ?? "–"}{e.note ? ` · ${e.note}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
