/**
 * When a consultation can be followed, shared by the form and the server. Following is for being
 * told the outcome: possible from the moment a consultation is public until the outcome is out.
 */
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";

export type FollowAvailability = "available" | "outcomePublished" | "archived";

export function followAvailability(status: ConsultationStatus): FollowAvailability {
  if (status === "outcome_published") return "outcomePublished";
  if (status === "archived") return "archived";
  return "available";
}
