/**
 * Brakes on the discussion per client address, beside the per-device flood limit that lives in the
 * database (discussion.server.ts). A device limit alone is easy to dodge: a script that drops its
 * cookie is a new device each time. The address limits are loose, because a school class or a
 * library posts from behind one address; they only stop floods.
 */
import { createRateLimiter } from "~/utils/rate-limit.server.ts";

const windowMs = 10 * 60_000;
const commentsPerAddress = createRateLimiter({ name: "comment-address", limit: 60, windowMs });
const reportsPerAddress = createRateLimiter({ name: "report-address", limit: 30, windowMs });
const reportsPerDevice = createRateLimiter({ name: "report-device", limit: 10, windowMs });

/** Seconds to wait before posting from this address again, or 0. */
export function commentThrottle(clientAddress: string) {
  return commentsPerAddress.hit(clientAddress);
}

/** Seconds to wait before reporting again from this address or device, or 0. */
export async function reportThrottle(clientAddress: string | undefined, participantId: string) {
  const [byAddress, byDevice] = await Promise.all([clientAddress ? reportsPerAddress.hit(clientAddress) : 0, reportsPerDevice.hit(participantId)]);
  return Math.max(byAddress, byDevice);
}
