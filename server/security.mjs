// Security headers, cross-site request refusal and request body limits: everything the server
// guarantees about a request before the app sees it. See docs/decisions/0009-security-headers-and-csrf.md.
// The checks are plain header comparisons, cheap enough for the plain-vote hot path.
import crypto from "node:crypto";

/** Bodies of ordinary forms and API calls: far more than any of them holds. */
export const defaultBodyLimit = 1024 * 1024;
/**
 * Multipart forms that carry a file (documents and hearing attachments, 10 MB each). The limit is
 * well above the files' own limit, so a file a little too large still reaches the form, which
 * says so in words and keeps what was typed.
 */
export const uploadBodyLimit = 25 * 1024 * 1024;
const uploadPath = /^\/(?:c\/[^/?]+\/hoeringssvar|admin\/consultations\/[^/?]+(?:\/outcome)?)(?:\.data)?(?:\?|$)/;

/** RFC 8058 one-click unsubscribe: mail programs post it without a browser's Origin. */
const oneClickUnsubscribe = /^\/foelg\/[^/?]+\/afmeld(?:\?|$)/;

export const hsts = "max-age=31536000; includeSubDomains";

/** Headers every response carries, whatever made it. */
export const baseHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // For browsers that predate frame-ancestors.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The policy of responses that are never a page (redirects, plain-text errors). */
export const nonPagePolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Whether an address is this machine's, the only proxy trusted to speak for the client. */
export function isLoopback(address) {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function firstValue(header) {
  return typeof header === "string" ? header.split(",")[0].trim() : undefined;
}

function fromLocalProxy(req) {
  return isLoopback(req.socket?.remoteAddress ?? "");
}

/** Whether the browser reached us over HTTPS, directly or through a proxy on this machine. */
export function isSecure(req) {
  if (req.socket?.encrypted) return true;
  return fromLocalProxy(req) && firstValue(req.headers["x-forwarded-proto"]) === "https";
}

/** The origin the browser addressed, as it would write it in an Origin header. */
export function ownOrigin(req) {
  const forwardedHost = fromLocalProxy(req) ? firstValue(req.headers["x-forwarded-host"]) : undefined;
  return `${isSecure(req) ? "https" : "http"}://${forwardedHost || req.headers.host}`;
}

/** PUBLIC_URL's origin, or undefined when it is not set. */
export function publicOriginOf(publicUrl) {
  return publicUrl ? new URL(publicUrl).origin : undefined;
}

function isOwnOrigin(origin, req, publicOrigin) {
  return origin === ownOrigin(req) || (publicOrigin !== undefined && origin === publicOrigin);
}

/**
 * Whether a request comes from one of our own pages (or from no browser page at all).
 * - An Origin header must name this site (its own address or PUBLIC_URL's); "null" never does.
 * - Without Origin, browsers that send Fetch Metadata must say same-origin or none (typed, bookmarked).
 * - Without either, the request is from an old browser or a program such as curl, which carry no
 *   visitor's cookies; it is allowed unless its Referer names another site.
 */
export function isSameOriginRequest(req, publicOrigin) {
  const origin = req.headers.origin;
  if (origin !== undefined) return isOwnOrigin(origin, req, publicOrigin);
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return false;
  const referer = req.headers.referer;
  if (referer === undefined) return true;
  try {
    return isOwnOrigin(new URL(referer).origin, req, publicOrigin);
  } catch {
    return false;
  }
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether the request changes state and so must come from our own pages. */
export function needsOriginCheck(method, url) {
  return unsafeMethods.has(method) && !oneClickUnsubscribe.test(url);
}

function wantsJson(url) {
  const path = url.split("?")[0];
  return path.startsWith("/api/") || path.endsWith(".data") || url.includes("_data=");
}

/** Answers a refused cross-site request: JSON for programs, a short text for everyone else. */
export function refuseCrossSite(req, res) {
  const json = wantsJson(req.url ?? "");
  const body = json ? JSON.stringify({ error: "Cross-site request refused" }) : "Cross-site request refused";
  res.writeHead(403, {
    ...baseHeaders,
    "Content-Security-Policy": nonPagePolicy,
    "Content-Type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** Express middleware: state-changing requests from other sites are refused with a 403. */
export function originGuard({ publicUrl } = {}) {
  const publicOrigin = publicOriginOf(publicUrl);
  return (req, res, next) => {
    if (!needsOriginCheck(req.method, req.originalUrl ?? req.url) || isSameOriginRequest(req, publicOrigin)) return next();
    refuseCrossSite(req, res);
  };
}

/**
 * socket.io's allowRequest: a handshake whose Origin is another site is refused. Browsers always
 * send Origin on a WebSocket; a handshake without one is a program, which has no visitor's cookies.
 */
export function socketOriginCheck({ publicUrl } = {}) {
  const publicOrigin = publicOriginOf(publicUrl);
  return (req, callback) => {
    const origin = req.headers.origin;
    const allowed = origin === undefined || isOwnOrigin(origin, req, publicOrigin);
    callback(allowed ? null : "Cross-site connection refused", allowed);
  };
}

/**
 * The page policy. Scripts run only from this origin or with this response's nonce (Remix's and
 * React's inline scripts get it); styles allow inline because React style props and the SVG charts
 * write style attributes, which a nonce cannot cover (see ADR 0009). The live connection's
 * WebSocket is named explicitly, as older browsers do not count ws: as 'self'.
 */
export function contentSecurityPolicy({ nonce, host, secure }) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${secure ? "wss" : "ws"}://${host}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Express middleware: a fresh nonce for every response (on res.locals.cspNonce, for the page
 * renderer) and the headers that go with it; HSTS only over HTTPS, where a browser honours it.
 */
export function securityHeaders() {
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    const secure = isSecure(req);
    const host = (fromLocalProxy(req) && firstValue(req.headers["x-forwarded-host"])) || req.headers.host;
    res.locals.cspNonce = nonce;
    res.set(baseHeaders);
    res.set("Content-Security-Policy", contentSecurityPolicy({ nonce, host, secure }));
    if (secure) res.set("Strict-Transport-Security", hsts);
    next();
  };
}

/** The most a request to this address may send. */
export function bodyLimitFor(url, contentType) {
  const multipart = typeof contentType === "string" && contentType.toLowerCase().startsWith("multipart/form-data");
  return multipart && uploadPath.test(url) ? uploadBodyLimit : defaultBodyLimit;
}

// A refused body up to this size is read into nothing before the answer, so a client still
// sending gets its 413 instead of a broken pipe; beyond it the connection is simply closed.
const drainLimit = 64 * 1024 * 1024;
const drainWaitMs = 10_000;

/** Answers 413 once the rest of the body has been read into nothing (see drainLimit). */
function tooLarge(req, res, { chunked = false } = {}) {
  const body = "Request body too large";
  let answered = false;
  const answer = () => {
    if (answered || res.headersSent) return;
    answered = true;
    res.writeHead(413, {
      ...baseHeaders,
      "Content-Security-Policy": nonPagePolicy,
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      Connection: "close",
    });
    res.end(body);
  };
  const declared = Number(req.headers["content-length"]);
  if (!chunked && !(declared <= drainLimit)) {
    answer();
    return answer;
  }
  setTimeout(answer, drainWaitMs).unref();
  if (!chunked) {
    req.on("end", answer);
    req.on("error", answer);
    req.resume();
  }
  return answer;
}

/**
 * A request listener that answers 413 to bodies over their limit before anything reads them, and
 * hands every other request to `next`. A declared Content-Length is checked at once (Node never
 * reads past it). A body sent in chunks has no declared size: its bytes are counted as they
 * arrive and held back until the body is complete and known to fit, then given to `next` as if
 * fresh, so the page framework, which reads bodies itself, never sees a byte past the limit.
 */
export function limitRequestBodies(next, limitFor = bodyLimitFor) {
  return (req, res) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      // The common case, and the vote's hot path: one comparison.
      if (Number(declared) <= defaultBodyLimit || Number(declared) <= limitFor(req.url ?? "", req.headers["content-type"])) return next(req, res);
      return tooLarge(req, res);
    }
    if (req.headers["transfer-encoding"] === undefined) return next(req, res);
    holdChunkedBody(req, res, limitFor(req.url ?? "", req.headers["content-type"]), next);
  };
}

/**
 * Node's HTTP parser hands a body to its request with push(); the listener runs before the first
 * chunk arrives, so taking over push() here sees every byte.
 */
function holdChunkedBody(req, res, limit, next) {
  const push = req.push;
  const held = [];
  let size = 0;
  let refused = null;
  req.push = (chunk, encoding) => {
    if (refused) {
      // The rest is read into nothing; at its end the 413 goes out.
      if (chunk === null) refused();
      return true;
    }
    if (chunk === null) {
      req.push = push;
      for (const part of held) push.call(req, part);
      push.call(req, null);
      next(req, res);
      return false;
    }
    size += chunk.length;
    if (size > limit) {
      held.length = 0;
      refused = tooLarge(req, res, { chunked: true });
      return true;
    }
    held.push(encoding && typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
    return true;
  };
}
