/**
 * What an editor writes into an outcome report: the decision, and "you said — we did" points that
 * each tie a theme from the input to what the council did with it, optionally pointing at a comment
 * or a poll as evidence. Messages are i18n keys in the `outcomes` namespace.
 *
 * Points arrive as numbered fields (`points.0.youSaid`, `points.0.weDid`, `points.0.evidence`), so
 * the form works as a plain HTML form: a row left wholly empty is no point, a half-filled row is an
 * error on its empty half.
 */
import type { FieldErrors } from "~/utils/command.ts";

export const maxPoints = 12;
export const decisionLimits = { min: 20, max: 20_000 };
export const pointLimits = { min: 3, max: 1_000 };

export type Evidence = { kind: "comment" | "poll"; id: string } | null;
export type OutcomePointInput = { youSaid: string; weDid: string; evidence: Evidence };
export type OutcomeInput = { decision: string; points: OutcomePointInput[] };

function clean(value: unknown) {
  return typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : "";
}

/** `comment:<id>` or `poll:<id>`; anything else is no evidence (checked against the consultation later). */
export function parseEvidence(value: unknown): Evidence | "invalid" {
  const raw = clean(value);
  if (raw === "") return null;
  const match = /^(comment|poll):([A-Za-z0-9_-]{1,64})$/.exec(raw);
  return match ? { kind: match[1] as "comment" | "poll", id: match[2] } : "invalid";
}

export function evidenceValue(evidence: Evidence) {
  return evidence ? `${evidence.kind}:${evidence.id}` : "";
}

export function parseOutcomeForm(form: Record<string, unknown>): { ok: true; data: OutcomeInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const decision = clean(form.decision);
  if (decision.length < decisionLimits.min) errors.decision = "validation.decisionTooShort";
  else if (decision.length > decisionLimits.max) errors.decision = "validation.decisionTooLong";

  const indexes = new Set<number>();
  for (const key of Object.keys(form)) {
    const match = /^points\.(\d{1,3})\.(youSaid|weDid|evidence)$/.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  const points: OutcomePointInput[] = [];
  for (const i of [...indexes].sort((a, b) => a - b)) {
    const youSaid = clean(form[`points.${i}.youSaid`]);
    const weDid = clean(form[`points.${i}.weDid`]);
    const evidence = parseEvidence(form[`points.${i}.evidence`]);
    if (youSaid === "" && weDid === "") continue;
    for (const [field, value] of [["youSaid", youSaid], ["weDid", weDid]] as const) {
      if (value.length < pointLimits.min) errors[`points.${i}.${field}`] = "validation.pointHalfEmpty";
      else if (value.length > pointLimits.max) errors[`points.${i}.${field}`] = "validation.pointTooLong";
    }
    if (evidence === "invalid") errors[`points.${i}.evidence`] = "validation.evidenceUnknown";
    points.push({ youSaid, weDid, evidence: evidence === "invalid" ? null : evidence });
  }
  if (points.length > maxPoints) errors.form = "validation.tooManyPoints";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: { decision, points } };
}
