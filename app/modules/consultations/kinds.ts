/**
 * The three kinds of consultation. The label is a promise to the citizen ("is it a hearing,
 * participation or decision? We must not disappoint those who engage"), so every page, card and
 * link preview shows the kind with its promise.
 */
export const consultationKinds = ["hearing", "participation", "decision"] as const;
export type ConsultationKind = (typeof consultationKinds)[number];

export function isConsultationKind(value: unknown): value is ConsultationKind {
  return typeof value === "string" && (consultationKinds as readonly string[]).includes(value);
}

/** i18n key of the default promise text of a kind, in the consultations namespace. */
export function defaultPromiseKey(kind: ConsultationKind) {
  return `kind.${kind}.defaultPromise` as const;
}
