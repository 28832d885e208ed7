import type { HeadersFunction } from "@remix-run/node";

/**
 * A refused form post answered as a whole page (no JavaScript) carries the action's Retry-After
 * too: Remix applies an action's headers to data requests only unless the route says so here.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
