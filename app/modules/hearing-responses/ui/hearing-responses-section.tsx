/**
 * The hearing responses on a hearing's public page: how many were received (all are read, private
 * ones too), a way to send one while the hearing is open, and those the authors let us publish.
 * Built from the page's existing classes, so it needs no stylesheet of its own; the optional one
 * (`hearingResponsesStylesHref`) only tightens the list.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import { Paragraphs } from "~/components/ui/paragraphs.tsx";
import stylesHref from "./hearing-responses.css";

export const hearingResponsesStylesHref = stylesHref;

export type HearingResponseListItem = {
  id: string;
  receiptNumber: string;
  authorLabel: string | null;
  organisation: string | null;
  body: string;
  createdAt: Date | string;
  attachment: { url: string } | null;
};

export function HearingResponsesSection({
  slug,
  responses,
  total,
  acceptsInput,
}: {
  slug: string;
  responses: readonly HearingResponseListItem[];
  total: number;
  acceptsInput: boolean;
}) {
  const { t, i18n } = useTranslation("hearing");
  const lng = i18n.language as Language;
  const unpublished = Math.max(0, total - responses.length);
  return (
    <section className="hearing-responses" aria-labelledby="hearing-responses-title">
      <h2 id="hearing-responses-title">{t("section.title", { total: formatNumber(total, lng) })}</h2>
      <p className="muted">{t("section.allRead")}</p>
      {acceptsInput ? (
        <p>
          <Link to={`/c/${slug}/hoeringssvar`} className="button">
            {t("section.send")}
          </Link>
        </p>
      ) : null}
      {responses.length === 0 ? (
        <p className="empty">{total > 0 ? t("section.noneShown") : t("section.none")}</p>
      ) : (
        <ol className="hearing-response-list">
          {responses.map((r) => (
            <li key={r.id}>
              <article className="hearing-response" aria-labelledby={`hearing-response-${r.id}`}>
                <h3 id={`hearing-response-${r.id}`}>
                  {r.authorLabel ?? t("section.anonymous")}
                  {r.organisation ? <span className="muted">, {r.organisation}</span> : null}
                </h3>
                <p className="muted small">
                  {t("section.meta", { date: formatDate(r.createdAt, lng), receipt: r.receiptNumber })}
                </p>
                <Paragraphs text={r.body} className="response-text" />
                {r.attachment ? (
                  <p>
                    <a href={r.attachment.url}>{t("section.attachment")}</a>
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
      {responses.length > 0 && unpublished > 0 ? (
        <p className="muted small">{t("section.notShown", { n: formatNumber(unpublished, lng) })}</p>
      ) : null}
    </section>
  );
}
