/**
 * The discussion's writes as one request handler, shared by the page (plain form posts, no
 * JavaScript needed) and the JSON endpoint the live page uses. Identity: a logged-in staff member
 * posts as themselves; anyone else as their device.
 */
import { getStaffUser } from "~/modules/auth/session.server.ts";
import { ensureParticipant } from "~/modules/participants/device.server.ts";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { ruleCount } from "~/modules/moderation/house-rules.ts";
import { followLocale, parseOutcomeOptIn } from "~/modules/followers/follow.schema.ts";
import { getLanguage } from "~/i18n/i18next.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";
import { postComment, reportComment, toggleSupport, type Poster } from "./discussion.server.ts";
import { commentThrottle, reportThrottle } from "./discussion-limits.server.ts";

export type DiscussionActionResult =
  | { intent: "comment"; ok: true; held: boolean; commentId: string; comment: unknown }
  | { intent: "support"; ok: true; supported: boolean; supportCount: number; commentId: string }
  | { intent: "report"; ok: true; commentId: string }
  | { intent: string; ok: false; errors: Partial<Record<string, string>>; values?: Record<string, string>; commentId?: string };

/** `clientAddress` is the request's address from the server; without one only the device limits apply. */
export async function handleDiscussionAction(request: Request, consultationId: string, form: FormData, clientAddress?: string) {
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const headers = new Headers();
  const respond = (status: number, body: DiscussionActionResult) => ({ status, body, headers });
  const tooFast = (wait: number) => {
    headers.set("Retry-After", String(wait));
    return respond(429, { intent, ok: false, errors: { form: "validation.tooFast" }, values });
  };
  // Before a device is made for the request: a flood must not fill the database with devices.
  const addressWait = clientAddress && intent === "comment" ? await commentThrottle(clientAddress) : 0;
  if (addressWait > 0) return tooFast(addressWait);

  const { participant, setCookie } = await ensureParticipant(request);
  if (setCookie) headers.append("Set-Cookie", setCookie);

  if (intent === "comment") {
    const staff = await getStaffUser(request);
    const poster: Poster = staff
      ? { kind: "staff", participantId: participant.id, userId: staff.id, name: staff.name, role: staff.role, title: staff.title }
      : { kind: "citizen", participantId: participant.id, blocked: !!participant.blockedAt };
    // "Tell me the outcome": a bad address refuses the post before anything is stored.
    const optIn = parseOutcomeOptIn(values);
    if (!optIn.ok) return respond(400, { intent, ok: false, errors: { followEmail: `follow:${optIn.error}` }, values });
    const follow = optIn.email
      ? { email: optIn.email, locale: followLocale(values.locale, await getLanguage(request)), origin: publicOrigin(request) }
      : undefined;
    const result = await postComment(consultationId, values, poster, new Date(), { follow });
    if (!result.ok) {
      const status = result.errors.form === "validation.tooFast" || result.errors.form === "validation.slowMode" ? 429 : result.errors.form === "validation.notFound" ? 404 : result.errors.form ? 409 : 400;
      return respond(status, { intent, ok: false, errors: result.errors, values });
    }
    const { comment, held } = result.value;
    return respond(result.value.duplicate ? 200 : 201, { intent, ok: true, held, commentId: comment.id, comment });
  }

  const commentId = String(form.get("commentId") ?? "");
  if (intent === "support") {
    const result = await toggleSupport(commentId, participant.id);
    if (!result.ok) return respond(result.errors.form === "validation.notFound" ? 404 : 409, { intent, ok: false, errors: result.errors, commentId });
    return respond(200, { intent, ok: true, commentId, ...result.value });
  }
  if (intent === "report") {
    const wait = await reportThrottle(clientAddress, participant.id);
    if (wait > 0) return tooFast(wait);
    const municipality = await getMunicipality();
    const result = await reportComment(commentId, participant.id, values, ruleCount(municipality.houseRules));
    if (!result.ok) return respond(result.errors.form ? 404 : 400, { intent, ok: false, errors: result.errors, commentId });
    return respond(200, { intent, ok: true, commentId });
  }
  return respond(400, { intent, ok: false, errors: { form: "validation.invalid" } });
}
