/**
 * When the privacy page and the accessibility statement were last written or reviewed. Change these
 * with the text: both pages must say how current they are.
 */
export const privacyPolicyUpdatedOn = "2026-11-22";
export const accessibilityStatementPreparedOn = "2026-11-22";
export const accessibilityStatementReviewedOn = "2026-11-22";
