/**
 * "You said — we did" rows of the outcome editor: plain numbered fields, so the form needs no
 * JavaScript; an empty row is simply not saved.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { pointLimits } from "../outcome.schema.ts";

export type PointValues = { index: number; youSaid: string; weDid: string; evidence: string };
type EvidenceChoices = {
  comments: { id: string; excerpt: string; authorName: string; supportCount: number }[];
  polls: { id: string; question: string }[];
};

export function PointsEditor({ rows, errors, evidence }: { rows: PointValues[]; errors: Partial<Record<string, string>>; evidence: EvidenceChoices }) {
  const { t } = useTranslation("outcomes");
  return (
    <div>
      {rows.map((row, n) => (
        <fieldset key={row.index} className="point-row">
          <legend>{t("editor.pointLegend", { n: n + 1 })}</legend>
          <div className="point-pair">
            <PointText
              label={t("editor.youSaid")}
              hint={t("editor.youSaidHint")}
              name={`points.${row.index}.youSaid`}
              value={row.youSaid}
              error={errors[`points.${row.index}.youSaid`]}
            />
            <PointText
              label={t("editor.weDid")}
              hint={t("editor.weDidHint")}
              name={`points.${row.index}.weDid`}
              value={row.weDid}
              error={errors[`points.${row.index}.weDid`]}
            />
          </div>
          <EvidenceSelect name={`points.${row.index}.evidence`} value={row.evidence} evidence={evidence} error={errors[`points.${row.index}.evidence`]} />
        </fieldset>
      ))}
    </div>
  );
}

function PointText({ label, hint, name, value, error }: { label: string; hint: string; name: string; value: string; error?: string }) {
  const { t } = useTranslation("outcomes");
  const id = useId();
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={pointLimits.max}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}

function EvidenceSelect({ name, value, evidence, error }: { name: string; value: string; evidence: EvidenceChoices; error?: string }) {
  const { t } = useTranslation("outcomes");
  const id = useId();
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{t("editor.evidence")}</label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{t("editor.noEvidence")}</option>
        {evidence.polls.length > 0 ? (
          <optgroup label={t("editor.evidencePolls")}>
            {evidence.polls.map((p) => (
              <option key={p.id} value={`poll:${p.id}`}>
                {p.question}
              </option>
            ))}
          </optgroup>
        ) : null}
        {evidence.comments.length > 0 ? (
          <optgroup label={t("editor.evidenceComments")}>
            {evidence.comments.map((c) => (
              <option key={c.id} value={`comment:${c.id}`}>
                {t("editor.commentOption", { author: c.authorName, excerpt: c.excerpt, count: c.supportCount })}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}
