/**
 * A vote posted as a plain HTML form (no JavaScript: the story-link case on a cheap phone, and the
 * bulk of a busy poll's load), answered without the full page framework: the same checks and the
 * same write as the page's action, then a redirect back to the poll. A refused vote redirects with
 * its reason, which the poll page shows. Submissions from the live page (JavaScript) keep going
 * through the page's action.
 */
import { castVote, type VoteForm } from "./polls.server.ts";
import { voterFromCookieHeader, voterHash } from "./voter.server.ts";
import { voteThrottle } from "./vote-limits.server.ts";
import { normalizeChannel } from "~/modules/channels/channels.server.ts";
import { voteRefusals } from "./poll-types.ts";

export async function handlePlainVote(input: { pollId: string; form: URLSearchParams; cookieHeader: string | undefined; clientAddress: string; secure: boolean }) {
  const { pollId } = input;
  const voter = await voterFromCookieHeader(input.cookieHeader, input.secure);
  // 302 for a counted vote, as the page's action answers; 303 for a refused one, with its reason.
  const back = (reason?: string) => ({
    status: reason ? 303 : 302,
    location: reason ? `/p/${encodeURIComponent(pollId)}?stemme=${encodeURIComponent(reason)}#results` : `/p/${encodeURIComponent(pollId)}#results`,
    setCookie: voter.setCookie,
  });
  if ((await voteThrottle(input.clientAddress, voter.token)) > 0) return back("vote.tooFast");
  const values: VoteForm = {};
  for (const key of new Set(input.form.keys())) {
    const all = input.form.getAll(key);
    values[key] = all.length > 1 ? all : all[0];
  }
  const result = await castVote(pollId, values, { hash: voterHash(pollId, voter.token), channel: normalizeChannel(String(values.via ?? "")) });
  if (result.ok) return back();
  const reason = result.errors.form ?? Object.values(result.errors)[0] ?? "vote.invalid";
  return back((voteRefusals as readonly string[]).includes(reason) ? reason : "vote.invalid");
}
