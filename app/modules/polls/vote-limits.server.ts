/**
 * Vote throttling. Per device: a handful a minute is plenty for honest use. Per address: loose,
 * because a school class of 30 (or a whole school) votes from behind one address.
 */
import { createRateLimiter } from "~/utils/rate-limit.server.ts";

const perAddress = createRateLimiter({ name: "vote-address", limit: 600, windowMs: 60_000 });
const perVoter = createRateLimiter({ name: "vote-voter", limit: 10, windowMs: 60_000 });

/** Seconds to wait before voting again, or 0. */
export async function voteThrottle(address: string, voterToken: string) {
  const [byAddress, byVoter] = await Promise.all([perAddress.hit(address), perVoter.hit(voterToken)]);
  return Math.max(byAddress, byVoter);
}
