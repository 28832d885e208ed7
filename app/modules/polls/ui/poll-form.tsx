import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, SelectField, TextField } from "~/components/ui/field.tsx";
import { maxQuestions, questionTypes } from "../poll-types.ts";

export type PollFormValues = {
  questions: { type: string; text: string; options: string }[];
  askAgeGroup: boolean;
  showResultsBeforeClose: boolean;
};

export function PollForm({ values, errors, submitLabel }: { values: PollFormValues; errors: Partial<Record<string, string>>; submitLabel: string }) {
  const { t } = useTranslation("polls");
  const navigation = useNavigation();
  const message = (key: string) => (errors[key] ? t(`admin.${errors[key]}`) : undefined);
  return (
    <Form method="post" noValidate className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormErrorSummary title={t("admin.errorTitle")} messages={Object.values(errors).map((k) => t(`admin.${k}`))} />
      {Array.from({ length: maxQuestions }, (_, i) => {
        const q = values.questions[i] ?? { type: "single", text: "", options: "" };
        return (
          <fieldset key={i} className="poll-question-editor">
            <legend>{t("admin.questionN", { n: i + 1 })}</legend>
            {i > 0 ? <p className="field-hint">{t("admin.optionalQuestion")}</p> : null}
            <TextField label={t("admin.questionText")} name={`q${i}.text`} defaultValue={q.text} maxLength={200} required={i === 0} error={message(`q${i}.text`)} />
            <SelectField
              label={t("admin.questionType")}
              name={`q${i}.type`}
              defaultValue={q.type}
              error={message(`q${i}.type`)}
              options={questionTypes.map((type) => ({ value: type, label: t(`admin.types.${type}`) }))}
            />
            <TextField label={t("admin.options")} name={`q${i}.options`} multiline rows={4} defaultValue={q.options} hint={t("admin.optionsHint")} error={message(`q${i}.options`)} />
          </fieldset>
        );
      })}
      <label className="checkbox">
        <input type="checkbox" name="askAgeGroup" defaultChecked={values.askAgeGroup} /> {t("admin.askAgeGroup")}
      </label>
      <label className="checkbox">
        <input type="checkbox" name="showResultsBeforeClose" defaultChecked={values.showResultsBeforeClose} /> {t("admin.showResults")}
      </label>
      <p className="field-hint">{t("admin.showResultsHint")}</p>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}

/** The form's values from a submission that failed, so nothing typed is lost. */
export function pollFormValuesFrom(form: Record<string, string>): PollFormValues {
  return {
    questions: Array.from({ length: maxQuestions }, (_, i) => ({
      type: form[`q${i}.type`] ?? "single",
      text: form[`q${i}.text`] ?? "",
      options: form[`q${i}.options`] ?? "",
    })),
    askAgeGroup: form.askAgeGroup === "on",
    showResultsBeforeClose: form.showResultsBeforeClose === "on",
  };
}
