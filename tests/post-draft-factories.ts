/** Builders for post draft tests: what the politician's and the drafter's forms would post. */
import { neutralityChecklist } from "~/modules/post-drafts/post-draft.schema.ts";

let counter = 0;

/** What the request form posts; override any field. */
export function validDraftRequest(consultationId: string, overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    consultationId,
    topic: "consultation",
    request: `Jeg vil gerne fortælle, at borgerne kan sende høringssvar om cykelstien. (${counter})`,
    ...overrides,
  };
}

/** What the drafting form posts with every checklist item ticked; override any field. */
export function validDraft(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    draftText: `Byrådet har sendt forslaget om en ny cykelsti i høring. Send dit høringssvar inden fristen. (${counter})`,
    cardFormat: "story",
    neutrality: [...neutralityChecklist] as string[],
    ...overrides,
  };
}

/** A user as the commands see one (the session's shape). */
export function actor(user: { id: string; role: string; municipalityId: string }) {
  return { id: user.id, role: user.role, municipalityId: user.municipalityId };
}
