import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import express from "express";
import { Server as SocketServer } from "socket.io";
import { io as connectSocket } from "socket.io-client";
import {
  defaultBodyLimit,
  isSecure,
  limitRequestBodies,
  originGuard,
  ownOrigin,
  securityHeaders,
  socketOriginCheck,
  uploadBodyLimit,
} from "./security.mjs";
import { plainVotes } from "./plain-votes.mjs";

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(listener: Listener) {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** An Express app as the real server builds it: headers, then the origin guard, then the app. */
function expressApp(publicUrl?: string) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders());
  app.use(originGuard({ publicUrl }));
  const reached: string[] = [];
  app.all("*", (req, res) => {
    reached.push(`${req.method} ${req.originalUrl}`);
    res.type("html").send(`<script nonce="${res.locals.cspNonce}">1</script>`);
  });
  return { app, reached };
}

describe("security headers on every response", () => {
  it("a page gets a policy whose script nonce is fresh on every response and matches the page's scripts", async () => {
    const { app } = expressApp();
    const site = await listen(app);
    try {
      const first = await fetch(`${site.base}/`);
      const second = await fetch(`${site.base}/`);
      const policy = first.headers.get("content-security-policy")!;
      const nonce = /'nonce-([^']+)'/.exec(policy)![1];
      expect(nonce.length).toBeGreaterThanOrEqual(22);
      expect(await first.text()).toContain(`nonce="${nonce}"`);
      expect(second.headers.get("content-security-policy")).not.toContain(nonce);
      const scripts = policy.split("; ").find((d) => d.startsWith("script-src "))!;
      expect(scripts).not.toContain("unsafe-inline");
      expect(scripts).not.toContain("unsafe-eval");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${site.port}`);
      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(first.headers.get("x-powered-by")).toBeNull();
      // Plain HTTP: a browser ignores HSTS there, and a local install must not be pinned to HTTPS.
      expect(first.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await site.close();
    }
  });

  it("behind an HTTPS proxy on this machine the browser is told to stay on HTTPS, and the live connection is wss", async () => {
    const { app } = expressApp();
    const site = await listen(app);
    try {
      const res = await fetch(`${site.base}/`, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "raadslag.fjordby.dk" } });
      expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
      expect(res.headers.get("content-security-policy")).toContain("connect-src 'self' wss://raadslag.fjordby.dk");
      expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    } finally {
      await site.close();
    }
  });

  it("only a proxy on this machine may say the request was HTTPS", () => {
    const req = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers }) as never;
    expect(isSecure(req("127.0.0.1", { "x-forwarded-proto": "https" }))).toBe(true);
    expect(isSecure(req("203.0.113.5", { "x-forwarded-proto": "https" }))).toBe(false);
    expect(ownOrigin(req("203.0.113.5", { host: "example.org", "x-forwarded-host": "raadslag.fjordby.dk" }))).toBe("http://example.org");
  });
});

describe("cross-site writes are refused", () => {
  async function withApp(test: (base: string, reached: string[]) => Promise<void>, publicUrl?: string) {
    const { app, reached } = expressApp(publicUrl);
    const site = await listen(app);
    try {
      await test(site.base, reached);
    } finally {
      await site.close();
    }
  }
  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  it("a form posted from another site is a 403 and never reaches the app; our own pages' forms do", async () => {
    await withApp(async (base, reached) => {
      const foreign = await fetch(`${base}/login`, { method: "POST", headers: { ...form, Origin: "https://evil.example" }, body: "email=a" });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get("content-type")).toMatch(/^text\/plain/);
      const own = await fetch(`${base}/login`, { method: "POST", headers: { ...form, Origin: base }, body: "email=a" });
      expect(own.status).toBe(200);
      expect(reached).toEqual(["POST /login"]);
    });
  });

  it("API and data requests are refused in JSON", async () => {
    await withApp(async (base) => {
      for (const path of ["/api/v1/consultations", "/c/x.data"]) {
        const res = await fetch(`${base}${path}`, { method: "POST", headers: { Origin: "https://evil.example" } });
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual({ error: "Cross-site request refused" });
      }
    });
  });

  it("PUBLIC_URL's origin counts as our own; a sandboxed page's null origin and another port do not", async () => {
    await withApp(async (base, reached) => {
      const res = await fetch(`${base}/x`, { method: "POST", headers: { Origin: "https://raadslag.fjordby.dk" } });
      expect(res.status).toBe(200);
      const sandboxed = await fetch(`${base}/x`, { method: "POST", headers: { Origin: "null" } });
      expect(sandboxed.status).toBe(403);
      const otherPort = await fetch(`${base}/x`, { method: "POST", headers: { Origin: "http://127.0.0.1:1" } });
      expect(otherPort.status).toBe(403);
      expect(reached).toEqual(["POST /x"]);
    }, "https://raadslag.fjordby.dk/");
  });

  it("without Origin, a cross-site fetch metadata header or a foreign Referer is refused; a program with neither is not", async () => {
    await withApp(async (base, reached) => {
      const crossSite = await fetch(`${base}/x`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } });
      expect(crossSite.status).toBe(403);
      const sameSite = await fetch(`${base}/x`, { method: "POST", headers: { "Sec-Fetch-Site": "same-site" } });
      expect(sameSite.status).toBe(403);
      const foreignReferer = await fetch(`${base}/x`, { method: "POST", headers: { Referer: "https://evil.example/page" } });
      expect(foreignReferer.status).toBe(403);
      const program = await fetch(`${base}/program`, { method: "POST" });
      expect(program.status).toBe(200);
      const ownReferer = await fetch(`${base}/own`, { method: "POST", headers: { Referer: `${base}/login`, "Sec-Fetch-Site": "same-origin" } });
      expect(ownReferer.status).toBe(200);
      expect(reached).toEqual(["POST /program", "POST /own"]);
    });
  });

  it("reading is never refused, and the one-click unsubscribe from a mail program is exempt", async () => {
    await withApp(async (base, reached) => {
      const read = await fetch(`${base}/c/x`, { headers: { Origin: "https://evil.example" } });
      expect(read.status).toBe(200);
      const unsubscribe = await fetch(`${base}/foelg/abc123/afmeld`, {
        method: "POST",
        headers: { ...form, Origin: "https://mail.example" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(unsubscribe.status).toBe(200);
      const confirm = await fetch(`${base}/foelg/abc123/bekraeft`, { method: "POST", headers: { Origin: "https://mail.example" } });
      expect(confirm.status).toBe(403);
      expect(reached).toEqual(["GET /c/x", "POST /foelg/abc123/afmeld"]);
    });
  });

  it("a plain form vote from another site's page is refused before it is counted", async () => {
    const votes: string[] = [];
    const site = await listen(
      plainVotes({
        handlePlainVote: async ({ pollId }: { pollId: string }) => {
          votes.push(pollId);
          return { status: 302, location: "/" };
        },
        headers: {},
        next: (_req: http.IncomingMessage, res: http.ServerResponse) => res.end("app"),
      }),
    );
    try {
      const foreign = await fetch(`${site.base}/p/abcdefgh12`, { method: "POST", headers: { ...form, Origin: "https://evil.example" }, body: "q_1=o2", redirect: "manual" });
      expect(foreign.status).toBe(403);
      const own = await fetch(`${site.base}/p/abcdefgh12`, { method: "POST", headers: { ...form, Origin: site.base }, body: "q_1=o2", redirect: "manual" });
      expect(own.status).toBe(302);
      expect(votes).toEqual(["abcdefgh12"]);
    } finally {
      await site.close();
    }
  });
});

describe("live connections from other sites are refused", () => {
  it("a socket.io handshake with a foreign Origin fails; one from our own page or a program connects", async () => {
    const server = http.createServer();
    const io = new SocketServer(server, { serveClient: false, allowRequest: socketOriginCheck({}) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const attempt = (transport: "websocket" | "polling", origin?: string) =>
      new Promise<string>((resolve) => {
        const socket = connectSocket(base, {
          transports: [transport],
          reconnection: false,
          extraHeaders: origin ? { Origin: origin } : {},
          timeout: 5_000,
        });
        socket.on("connect", () => {
          socket.close();
          resolve("connected");
        });
        socket.on("connect_error", () => {
          socket.close();
          resolve("refused");
        });
      });
    try {
      expect(await attempt("websocket", "https://evil.example")).toBe("refused");
      expect(await attempt("polling", "https://evil.example")).toBe("refused");
      expect(await attempt("websocket", base)).toBe("connected");
      expect(await attempt("websocket")).toBe("connected");
    } finally {
      io.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("request bodies are limited before anything reads them", () => {
  /** The server's order: body limits, then whatever reads the body (here: it counts the bytes). */
  async function withReader(test: (base: string, port: number, received: number[]) => Promise<void>) {
    const received: number[] = [];
    const site = await listen(
      limitRequestBodies(async (req: http.IncomingMessage, res: http.ServerResponse) => {
        let size = 0;
        for await (const chunk of req) size += (chunk as Buffer).length;
        received.push(size);
        res.end(`read ${size}`);
      }),
    );
    try {
      await test(site.base, site.port, received);
    } finally {
      await site.close();
    }
  }

  /** A POST through node:http, reading the answer even when the server stops listening early. */
  function post(port: number, path: string, headers: Record<string, string>, body: Buffer | Buffer[]) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      for (const part of Array.isArray(body) ? body : [body]) req.write(part);
      req.end();
    });
  }

  it("a 5 MB login body is a 413 and never read", async () => {
    await withReader(async (_base, port, received) => {
      const body = Buffer.alloc(5 * 1024 * 1024, "a");
      const res = await post(port, "/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.length) }, body);
      expect(res.status).toBe(413);
      expect(received).toEqual([]);
    });
  });

  it("a body sent in chunks is counted: over the limit it is a 413 and never read", async () => {
    await withReader(async (_base, port, received) => {
      const chunks = Array.from({ length: 20 }, () => Buffer.alloc(100 * 1024, "a"));
      const res = await post(port, "/login", { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" }, chunks);
      expect(res.status).toBe(413);
      expect(received).toEqual([]);
    });
  });

  it("a chunked body within the limit arrives whole, even when its first bytes come with the headers", async () => {
    await withReader(async (_base, port, received) => {
      const socket = net.connect(port, "127.0.0.1");
      const answer = new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (d) => (text += d));
        socket.on("end", () => resolve(text));
      });
      // Headers and the whole body in one write, so they reach the server in one packet.
      socket.end("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
      expect(await answer).toContain("read 11");
      const res = await post(port, "/x", { "Transfer-Encoding": "chunked" }, [Buffer.alloc(600 * 1024, "a"), Buffer.alloc(300 * 1024, "b")]);
      expect(res.text).toBe(`read ${900 * 1024}`);
      expect(received).toEqual([11, 900 * 1024]);
    });
  });

  it("document and hearing attachment uploads may be larger than an ordinary form, up to their own limit", async () => {
    await withReader(async (_base, port, received) => {
      const multipart = { "Content-Type": "multipart/form-data; boundary=x" };
      const body = Buffer.alloc(12 * 1024 * 1024, "a");
      for (const path of ["/c/cykelsti/hoeringssvar", "/admin/consultations/abc", "/admin/consultations/abc/outcome?index"]) {
        const res = await post(port, path, { ...multipart, "Content-Length": String(body.length) }, body);
        expect(res.status).toBe(200);
      }
      expect(received).toEqual([body.length, body.length, body.length]);
      const elsewhere = await post(port, "/login", { ...multipart, "Content-Length": String(body.length) }, body);
      expect(elsewhere.status).toBe(413);
      const huge = uploadBodyLimit + 1;
      const tooBig = await post(port, "/c/cykelsti/hoeringssvar", { ...multipart, "Content-Length": String(huge) }, Buffer.alloc(0));
      expect(tooBig.status).toBe(413);
      expect(defaultBodyLimit).toBeLessThan(body.length);
    });
  });
});
