/**
 * What an editor may write into a poll: one to three questions. Messages are i18n keys in `polls`.
 * The form posts questions as q0.type, q0.text, q0.options (one option a line), q1.…, q2.….
 */
import { z } from "zod";
import type { FieldErrors } from "~/utils/command.ts";
import { fixedOptions, maxOptions, maxQuestions, questionTypes, type QuestionType } from "./poll-types.ts";

export type PollQuestionInput = { type: QuestionType; text: string; options: string[] };
export type PollInput = { questions: PollQuestionInput[]; askAgeGroup: boolean; showResultsBeforeClose: boolean };

const questionText = z.string().transform((v) => v.trim()).pipe(z.string().max(200, "validation.questionTooLong"));

export function parsePollForm(form: Record<string, unknown>): { ok: true; data: PollInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const questions: PollQuestionInput[] = [];
  for (let i = 0; i < maxQuestions; i++) {
    const text = questionText.safeParse(form[`q${i}.text`] ?? "");
    if (!text.success) {
      errors[`q${i}.text`] = text.error.issues[0].message;
      continue;
    }
    if (!text.data) continue; // an empty question slot is simply not used
    const type = z.enum(questionTypes).safeParse(form[`q${i}.type`]);
    if (!type.success) {
      errors[`q${i}.type`] = "validation.typeRequired";
      continue;
    }
    const options =
      fixedOptions(type.data) ??
      String(form[`q${i}.options`] ?? "")
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter(Boolean);
    if (!fixedOptions(type.data)) {
      if (options.length < 2) errors[`q${i}.options`] = "validation.optionsTooFew";
      else if (options.length > maxOptions) errors[`q${i}.options`] = "validation.optionsTooMany";
      else if (options.some((o) => o.length > 80)) errors[`q${i}.options`] = "validation.optionTooLong";
      else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) errors[`q${i}.options`] = "validation.optionsDuplicate";
    }
    questions.push({ type: type.data, text: text.data, options });
  }
  if (questions.length === 0 && !errors["q0.text"]) errors["q0.text"] = "validation.questionRequired";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: { questions, askAgeGroup: form.askAgeGroup === "on", showResultsBeforeClose: form.showResultsBeforeClose === "on" },
  };
}
