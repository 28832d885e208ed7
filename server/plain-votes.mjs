// Plain form votes (no JavaScript: a story link on a cheap phone, and the bulk of a busy poll's
// load) are answered straight from the HTTP server, ahead of Express and the page framework; the
// checks and the write are the app's own (app/modules/polls/plain-vote.server.ts). Everything else,
// including the live page's votes to /p/<id>.data and multipart forms, goes on to the app.

import { hsts, isLoopback, isSameOriginRequest, isSecure, publicOriginOf, refuseCrossSite } from "./security.mjs";

const votePath = /^\/p\/([a-z0-9]{8,40})$/;
const bodyLimit = 16 * 1024;

/** The client's address as Express gives it with `trust proxy = loopback`. */
export function clientAddress(req) {
  const chain = [req.socket.remoteAddress ?? "unknown"];
  const forwarded = req.headers["x-forwarded-for"];
  if (typeof forwarded === "string") chain.push(...forwarded.split(",").map((a) => a.trim()).filter(Boolean).reverse());
  let i = 0;
  while (i < chain.length - 1 && isLoopback(chain[i])) i++;
  return chain[i];
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= bodyLimit) return chunks.push(chunk);
      // Read the rest into nothing, so the client gets its 413 instead of a reset connection.
      req.off("data", onData);
      req.resume();
      reject(Object.assign(new Error("Request body too large"), { status: 413 }));
    };
    req.on("data", onData);
    req.on("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

/**
 * A request listener that answers plain votes and hands every other request to `next`.
 * `headers` are the security headers every response carries; `publicUrl` is PUBLIC_URL, an origin
 * whose pages may vote besides the request's own. `unavailable(error, req)` answers a failure that
 * is worth retrying (the database stayed locked) with `{ status, retryAfter, text }`, or null.
 *
 * @param {{
 *   handlePlainVote: (vote: { pollId: string; form: URLSearchParams; cookieHeader: string | undefined; clientAddress: string; secure: boolean }) => Promise<any>;
 *   headers: Record<string, string>;
 *   publicUrl?: string;
 *   unavailable?: (error: any, req: import("node:http").IncomingMessage) => Promise<{ status: number; retryAfter: number; text: string } | null> | null;
 *   next: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
 * }} options
 */
export function plainVotes({ handlePlainVote, headers, publicUrl = undefined, unavailable = undefined, next }) {
  const publicOrigin = publicOriginOf(publicUrl);
  return (req, res) => {
    const match = req.method === "POST" ? votePath.exec(req.url ?? "") : null;
    const type = req.headers["content-type"] ?? "";
    if (!match || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return next(req, res);
    // The same rule as every other write: another site's page may not vote with a visitor's cookie.
    if (!isSameOriginRequest(req, publicOrigin)) return refuseCrossSite(req, res);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader("Cache-Control", "no-store");
    const secure = isSecure(req);
    if (secure) res.setHeader("Strict-Transport-Security", hsts);
    readForm(req)
      .then((form) =>
        handlePlainVote({ pollId: match[1], form, cookieHeader: req.headers.cookie, clientAddress: clientAddress(req), secure }),
      )
      .then((result) => {
        if (result.setCookie) res.setHeader("Set-Cookie", result.setCookie);
        res.writeHead(result.status, { Location: result.location, "Content-Length": 0 });
        res.end();
      })
      .catch(async (error) => {
        if (res.headersSent) return res.destroy();
        if (error.status === 413) return answerText(res, 413, "Request body too large");
        // A locked database: the vote was not written; 503 and when to try again, never a 302.
        const retry = await Promise.resolve(unavailable?.(error, req)).catch(() => null);
        if (retry) {
          console.warn("[votes] database busy beyond the timeout: plain vote answered 503");
          if (res.headersSent) return res.destroy();
          return answerText(res, retry.status, retry.text, { "Retry-After": String(retry.retryAfter) });
        }
        console.error("[votes] plain vote failed", error);
        answerText(res, 500, "Internal error");
      });
  };
}

function answerText(res, status, text, extra = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close", ...extra });
  res.end(text);
}
