// Plain form votes (no JavaScript: a story link on a cheap phone, and the bulk of a busy poll's
// load) are answered straight from the HTTP server, ahead of Express and the page framework; the
// checks and the write are the app's own (app/modules/polls/plain-vote.server.ts). Everything else,
// including the live page's votes to /p/<id>.data and multipart forms, goes on to the app.

const votePath = /^\/p\/([a-z0-9]{8,40})$/;
const bodyLimit = 16 * 1024;

/** Whether an address is this machine's, the only proxy trusted to name the client. */
function isLoopback(address) {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

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
 * `headers` are the security headers every response carries.
 */
export function plainVotes({ handlePlainVote, headers, next }) {
  return (req, res) => {
    const match = req.method === "POST" ? votePath.exec(req.url ?? "") : null;
    const type = req.headers["content-type"] ?? "";
    if (!match || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return next(req, res);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader("Cache-Control", "no-store");
    const secure = req.headers["x-forwarded-proto"] === "https" && isLoopback(req.socket.remoteAddress ?? "");
    readForm(req)
      .then((form) =>
        handlePlainVote({ pollId: match[1], form, cookieHeader: req.headers.cookie, clientAddress: clientAddress(req), secure }),
      )
      .then((result) => {
        if (result.setCookie) res.setHeader("Set-Cookie", result.setCookie);
        res.writeHead(result.status, { Location: result.location, "Content-Length": 0 });
        res.end();
      })
      .catch((error) => {
        const status = error.status === 413 ? 413 : 500;
        if (status === 500) console.error("[votes] plain vote failed", error);
        if (res.headersSent) return res.destroy();
        res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
        res.end(status === 413 ? "Request body too large" : "Internal error");
      });
  };
}
