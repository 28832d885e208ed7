/**
 * Server entry: renders each document in the request's language, and exposes the start-up hooks
 * that server/index.mjs calls (configuration, database preparation, realtime, background jobs).
 */
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import i18nServer, { resources } from "~/i18n/i18next.server.ts";
import { i18nOptions } from "~/i18n/config.ts";
import { NonceContext } from "~/utils/nonce.ts";
import { prisma } from "~/utils/db.server.ts";
import { busyRetryAfterSeconds } from "~/utils/database-busy.server.ts";
import { closeBallotDatabase, flushBallots } from "~/modules/polls/ballot-writer.server.ts";

export { getEnv } from "~/utils/env.server.ts";
export { prepareDatabase, startBackgroundJobs } from "~/server-lifecycle.server.ts";
export { attachRealtime } from "~/modules/realtime/socket.server.ts";
export { handlePlainVote } from "~/modules/polls/plain-vote.server.ts";
export { answerBusyWith503, isDatabaseBusy, plainUnavailable } from "~/utils/database-busy.server.ts";
export { announceRestart } from "~/modules/realtime/socket.server.ts";
export { startScaleOut } from "~/modules/realtime/scale-out.server.ts";
export { flushAndStopMailWorkers } from "~/modules/mail/worker.server.ts";

/** Shutdown, after the last request: every queued vote committed, then both connections closed. */
export async function closeDatabase() {
  await flushBallots();
  closeBallotDatabase();
  await prisma.$disconnect();
}

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A 503 (a database lock that outlasted the busy timeout, see utils/database-busy.server.ts) says
  // when to try again, whatever the route's own headers say.
  if (responseStatusCode === 503) markRetryable(responseHeaders);
  const instance = createInstance();
  const lng = await i18nServer.getLocale(request);
  await instance.use(initReactI18next).init({ ...i18nOptions, lng, resources });

  // Crawlers and link unfurlers (Facebook, Snapchat) get the whole page at once.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={loadContext.cspNonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.cspNonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce: loadContext.cspNonce,
        bootstrapScriptContent: inlineTranslations(lng),
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The page's language and its translations for hydration, safe inside a <script>. */
function inlineTranslations(lng: string) {
  const json = JSON.stringify({ lng, resources: { [lng]: resources[lng] } })
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `window.__i18n=${json};`;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

/** The live page's data requests (.data) get the same Retry-After on a 503 as whole pages do. */
export function handleDataRequest(response: Response) {
  if (response.status !== 503) return response;
  try {
    markRetryable(response.headers);
    return response;
  } catch {
    // Headers of some responses are immutable: copy them.
    const headers = new Headers(response.headers);
    markRetryable(headers);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

function markRetryable(headers: Headers) {
  if (!headers.has("Retry-After")) headers.set("Retry-After", String(busyRetryAfterSeconds));
  headers.set("Cache-Control", "no-store");
}
