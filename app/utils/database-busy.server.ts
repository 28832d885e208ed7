/**
 * A database held by another writer for longer than the busy timeout is a passing condition, not a
 * bug: the request is answered 503 Service Unavailable with Retry-After and a short message in the
 * visitor's language (JSON for the APIs and the live page's endpoints, the error page otherwise,
 * plain text for a plain form vote). The write did not happen, so trying again is safe, and the
 * live page's comment outbox does exactly that on any 5xx.
 */
import type { ServerBuild } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { isDatabaseBusy } from "./db.server.ts";

export { isDatabaseBusy };

/** Long enough for the usual lock (a migration step, a backup) to pass; short enough to feel live. */
export const busyRetryAfterSeconds = 2;

export async function unavailableMessage(request: Request) {
  const t = await getFixedT(request, "common");
  return { title: t("errors.unavailable.title"), body: t("errors.unavailable.body") };
}

export function unavailableHeaders(contentType: string) {
  return { "Retry-After": String(busyRetryAfterSeconds), "Cache-Control": "no-store", "Content-Type": contentType };
}

/** The 503 for one request: JSON for a resource route (no page of its own), text otherwise. */
export async function unavailableResponse(request: Request, { json }: { json: boolean }) {
  const message = await unavailableMessage(request);
  if (json) {
    return Response.json(
      { ok: false, error: "unavailable", errors: { form: "errors.unavailable" }, message: message.body },
      { status: 503, headers: unavailableHeaders("application/json; charset=utf-8") },
    );
  }
  return new Response(message.body, { status: 503, headers: unavailableHeaders("text/plain; charset=utf-8") });
}

/**
 * The server build with every loader and action answering a busy database with a thrown 503: the
 * route's own code stays free of it, and a resource route returns it as is while a page shows the
 * error page with that status (entry.server.tsx adds Retry-After to pages and .data answers).
 */
export function answerBusyWith503<T extends ServerBuild>(build: T): T {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = route.module;
    // The same test Remix uses for a resource route.
    const json = module.default == null && module.ErrorBoundary == null;
    const guarded = { ...module };
    if (module.loader) guarded.loader = guard(module.loader, json);
    if (module.action) guarded.action = guard(module.action, json);
    routes[id] = { ...route, module: guarded };
  }
  return { ...build, routes };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function guard<F extends (args: any) => unknown>(handler: F, json: boolean): F {
  return (async (args: Parameters<F>[0]) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      console.warn(`[db] database busy beyond the timeout: ${args.request.method} ${new URL(args.request.url).pathname} answered 503`);
      throw await unavailableResponse(args.request, { json });
    }
  }) as F;
}

/** For a plain form vote, answered outside the page framework: the message in the visitor's language. */
export async function plainUnavailable(input: { url: string; cookieHeader: string | undefined }) {
  const request = new Request(new URL(input.url, "http://localhost"), { headers: input.cookieHeader ? { cookie: input.cookieHeader } : {} });
  return { status: 503, retryAfter: busyRetryAfterSeconds, text: (await unavailableMessage(request)).body };
}
