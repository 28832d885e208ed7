/**
 * The building blocks of "my data": lists of what is stored, the export link and the erase form,
 * shared by the device page and the e-mail page so both read the same way.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/i18n/config.ts";
import { formatDate, formatDateTime } from "~/utils/time.ts";
import stylesHref from "./privacy.css";

export const privacyStylesHref = stylesHref;

type ConsultationRef = { slug: string; title: string };

export function ConsultationLink({ consultation }: { consultation: ConsultationRef }) {
  return <Link to={`/c/${consultation.slug}`}>{consultation.title}</Link>;
}

export type HearingResponseView = {
  receiptNumber: string;
  consultation: ConsultationRef;
  name: string;
  email: string;
  organisation: string | null;
  publication: string;
  text: string;
  attachmentName: string | null;
  createdAt: Date | string;
};

export function HearingResponseList({ responses, lng }: { responses: HearingResponseView[]; lng: Language }) {
  const { t } = useTranslation("privacy");
  const removed = <span className="muted">{t("myData.hearing.removed")}</span>;
  return (
    <ul className="data-list">
      {responses.map((r) => (
        <li key={r.receiptNumber}>
          <p className="data-item-meta">
            <ConsultationLink consultation={r.consultation} />
            <Time value={r.createdAt} lng={lng} />
          </p>
          <dl className="data-facts">
            <dt>{t("myData.hearing.receipt")}</dt>
            <dd className="mono">{r.receiptNumber}</dd>
            <dt>{t("myData.hearing.name")}</dt>
            <dd>{r.name || removed}</dd>
            <dt>{t("myData.hearing.email")}</dt>
            <dd>{r.email || removed}</dd>
            {r.organisation ? (
              <>
                <dt>{t("myData.hearing.organisation")}</dt>
                <dd>{r.organisation}</dd>
              </>
            ) : null}
            <dt>{t("myData.hearing.publication")}</dt>
            <dd>{t(`myData.hearing.publicationValue.${r.publication}`, { defaultValue: r.publication })}</dd>
            {r.attachmentName ? (
              <>
                <dt>{t("myData.hearing.attachment")}</dt>
                <dd>{r.attachmentName}</dd>
              </>
            ) : null}
          </dl>
          <p className="data-item-text">{r.text || removed}</p>
        </li>
      ))}
    </ul>
  );
}

export function ExportBlock({ href, body }: { href: string; body: string }) {
  const { t } = useTranslation("privacy");
  return (
    <>
      <h3>{t("myData.export.title")}</h3>
      <p>{body}</p>
      <p>
        <a className="button secondary" href={href} download>
          {t("myData.export.button")}
        </a>
      </p>
    </>
  );
}

/** Erasing asks for a tick first: a single stray tap must not delete anything. */
export function EraseForm({ title, body, confirmLabel, error }: { title: string; body: string; confirmLabel: string; error?: string }) {
  const { t } = useTranslation("privacy");
  return (
    <section className="my-data-section danger-zone" aria-labelledby="erase-title">
      <h2 id="erase-title">{title}</h2>
      <p>{body}</p>
      <p>
        <strong>{t("myData.delete.irreversible")}</strong>
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="delete" />
        {error ? (
          <p className="field-error" id="erase-error" role="alert">
            {error}
          </p>
        ) : null}
        <label className="confirm-check">
          <input type="checkbox" name="confirm" value="yes" required aria-invalid={error ? true : undefined} aria-describedby={error ? "erase-error" : undefined} />
          <span>{confirmLabel}</span>
        </label>
        <button type="submit" className="button secondary danger-button">
          {t("myData.delete.button")}
        </button>
      </Form>
    </section>
  );
}

/** A date (with its time unless `dateOnly`) in the reader's language, machine-readable too. */
export function Time({ value, lng, dateOnly = false }: { value: Date | string; lng: Language; dateOnly?: boolean }) {
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{dateOnly ? formatDate(date, lng) : formatDateTime(date, lng)}</time>;
}
