import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField, FormErrorSummary } from "~/components/ui/field.tsx";
import { toLocalDateTimeInput } from "~/utils/time.ts";
import { consultationKinds } from "../kinds.ts";

export type ConsultationFormValues = Partial<{
  kind: string;
  title: string;
  summary: string;
  body: string;
  promise: string;
  decidedBy: string;
  opensAt: string | Date;
  closesAt: string | Date;
  expectedDecisionAt: string | Date;
  discussionEnabled: boolean | string;
}>;

/** Dates arrive as Date from the database and as raw strings when a submission is given back. */
function dateValue(v: string | Date | undefined) {
  if (!v) return "";
  return typeof v === "string" ? v : toLocalDateTimeInput(v);
}

export function ConsultationForm({
  values,
  errors,
  submitLabel,
  kindLocked,
}: {
  values: ConsultationFormValues;
  errors: Partial<Record<string, string>>;
  submitLabel: string;
  kindLocked?: boolean;
}) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("consultations");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const message = (field: string) => (errors[field] ? t(errors[field] as string) : undefined);
  const summary = Object.values(errors).filter(Boolean).map((k) => t(k as string));
  return (
    <Form method="post" noValidate className="stack">
      <FormErrorSummary title={t("form.errorTitle")} messages={summary} />
      <input type="hidden" name="intent" value="save" />
      {kindLocked ? <input type="hidden" name="kind" value={values.kind} /> : null}
      <SelectField
        label={t("form.kind")}
        name="kind"
        required
        disabled={kindLocked}
        hint={kindLocked ? t("form.kindLockedHint") : t("form.kindHint")}
        defaultValue={values.kind ?? ""}
        error={message("kind")}
        options={[
          { value: "", label: t("form.chooseKind") },
          ...consultationKinds.map((k) => ({ value: k, label: `${tc(`kind.${k}.label`)} – ${tc(`kind.${k}.short`)}` })),
        ]}
      />
      <TextField label={t("form.title")} name="title" required maxLength={140} defaultValue={values.title} error={message("title")} hint={t("form.titleHint")} />
      <TextField label={t("form.summary")} name="summary" required multiline rows={3} maxLength={300} defaultValue={values.summary} error={message("summary")} hint={t("form.summaryHint")} />
      <TextField label={t("form.body")} name="body" multiline rows={10} maxLength={20000} defaultValue={values.body} error={message("body")} hint={t("form.bodyHint")} />
      <TextField label={t("form.promise")} name="promise" multiline rows={3} maxLength={1000} defaultValue={values.promise} error={message("promise")} hint={t("form.promiseHint")} />
      <TextField label={t("form.decidedBy")} name="decidedBy" required maxLength={120} defaultValue={values.decidedBy} error={message("decidedBy")} hint={t("form.decidedByHint")} />
      <fieldset className="date-row">
        <legend>{t("form.dates")}</legend>
        <p className="field-hint">{t("form.datesHint")}</p>
        <TextField label={t("form.opensAt")} name="opensAt" type="datetime-local" required defaultValue={dateValue(values.opensAt)} error={message("opensAt")} />
        <TextField label={t("form.closesAt")} name="closesAt" type="datetime-local" required defaultValue={dateValue(values.closesAt)} error={message("closesAt")} />
        <TextField label={t("form.expectedDecisionAt")} name="expectedDecisionAt" type="datetime-local" required defaultValue={dateValue(values.expectedDecisionAt)} error={message("expectedDecisionAt")} />
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          name="discussionEnabled"
          defaultChecked={values.discussionEnabled === undefined ? true : values.discussionEnabled === true || values.discussionEnabled === "on"}
        />{" "}
        {t("form.discussionEnabled")}
      </label>
      <p className="field-hint">{t("form.discussionEnabledHint")}</p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.saving") : submitLabel}
        </button>
      </div>
    </Form>
  );
}
