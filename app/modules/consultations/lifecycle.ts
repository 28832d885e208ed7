/**
 * The phase gate: one place that says what a consultation's status allows, and how it moves.
 * draft → scheduled → open → closed → outcome_published → archived.
 *
 * Dates are authoritative to the second: a consultation whose closing time has passed is closed for
 * every purpose even before the background ticker has written the new status, so no input is taken
 * after the deadline and none is refused before it.
 */
export const consultationStatuses = [
  "draft",
  "scheduled",
  "open",
  "closed",
  "outcome_published",
  "archived",
] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export function isConsultationStatus(value: unknown): value is ConsultationStatus {
  return typeof value === "string" && (consultationStatuses as readonly string[]).includes(value);
}

export type LifecycleFields = {
  status: string;
  opensAt: Date;
  closesAt: Date;
  expectedDecisionAt: Date;
};

/** The status as of `now`, taking passed opening and closing times into account. */
export function effectiveStatus(c: LifecycleFields, now = new Date()): ConsultationStatus {
  const status = isConsultationStatus(c.status) ? c.status : "draft";
  if (status === "scheduled" && c.opensAt <= now) {
    return c.closesAt <= now ? "closed" : "open";
  }
  if (status === "open" && c.closesAt <= now) return "closed";
  return status;
}

/** Public means visible without login: everything but drafts. */
export function isPublic(c: LifecycleFields, now = new Date()) {
  return effectiveStatus(c, now) !== "draft";
}

/** Whether citizens may give input (comments, votes, hearing responses) right now. */
export function acceptsInput(c: LifecycleFields, now = new Date()) {
  return effectiveStatus(c, now) === "open";
}

/** Closed, past the expected decision date, and still without a published outcome. */
export function isOverdue(c: LifecycleFields, now = new Date()) {
  return effectiveStatus(c, now) === "closed" && c.expectedDecisionAt < now;
}

/** Content (texts, dates, kind) can be edited until the outcome is published. */
export function isEditable(c: LifecycleFields, now = new Date()) {
  const status = effectiveStatus(c, now);
  return status === "draft" || status === "scheduled" || status === "open" || status === "closed";
}

/** Whether the kind can still change: not once citizens could have answered under a promise. */
export function kindIsLocked(c: LifecycleFields, now = new Date()) {
  const status = effectiveStatus(c, now);
  return status !== "draft" && status !== "scheduled";
}

export const lifecycleActions = ["publish", "close", "reopen", "archive", "unpublish"] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

/**
 * Which staff actions the current status allows. Publishing schedules when the opening time is in
 * the future and opens otherwise; closing early is allowed (the page then shows the real close).
 */
export function allowedActions(c: LifecycleFields, now = new Date()): LifecycleAction[] {
  switch (effectiveStatus(c, now)) {
    case "draft":
      return ["publish"];
    case "scheduled":
      return ["unpublish"];
    case "open":
      return ["close"];
    case "closed":
      return c.closesAt > now ? ["reopen", "archive"] : ["archive"];
    case "outcome_published":
      return ["archive"];
    case "archived":
      return [];
  }
}

/** The status an allowed action leads to. */
export function statusAfter(action: LifecycleAction, c: LifecycleFields, now = new Date()): ConsultationStatus {
  switch (action) {
    case "publish":
      if (c.closesAt <= now) return "closed";
      return c.opensAt > now ? "scheduled" : "open";
    case "unpublish":
      return "draft";
    case "close":
      return "closed";
    case "reopen":
      return "open";
    case "archive":
      return "archived";
  }
}
