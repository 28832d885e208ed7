/**
 * A brake on hearing responses per client address. Loose on purpose: an organisation may send
 * several responses from one office, and a library's computers share an address. It stops a script
 * from filling a hearing (and the staff's reading list) with copies. Only stored responses count:
 * a form sent back with a mistake to correct costs the sender nothing.
 */
import { createRateLimiter } from "~/utils/rate-limit.server.ts";

const stored = createRateLimiter({ name: "hearing-response-address", limit: 20, windowMs: 10 * 60_000 });

/** Seconds to wait before this address may send another response, or 0. */
export function responseWait(clientAddress: string, now = Date.now()) {
  return stored.peek(clientAddress, now);
}

/** A response from this address was stored. */
export async function countResponse(clientAddress: string, now = Date.now()) {
  await stored.hit(clientAddress, now);
}
