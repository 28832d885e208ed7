import http from "node:http";
import type { AddressInfo } from "node:net";
import { clientAddress, plainVotes } from "./plain-votes.mjs";

type Vote = { pollId: string; form: URLSearchParams; clientAddress: string; cookieHeader?: string };

async function serve(handlePlainVote: (vote: Vote) => Promise<unknown>) {
  const passedOn: string[] = [];
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    passedOn.push(`${req.method} ${req.url}`);
    res.end("app");
  };
  const server = http.createServer(plainVotes({ handlePlainVote, headers: { "X-Content-Type-Options": "nosniff" }, next }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, passedOn, close: () => new Promise((resolve) => server.close(resolve)) };
}

const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("plain form votes ahead of the app", () => {
  it("a form vote is answered with the app's redirect and cookie, and the voter's form and address reach it", async () => {
    const seen: Vote[] = [];
    const app = await serve(async (vote) => {
      seen.push(vote);
      return { status: 302, location: `/p/${vote.pollId}#results`, setCookie: "raadslag_voter=abc; Path=/; HttpOnly" };
    });
    try {
      const res = await fetch(`${app.base}/p/abcdefgh12`, { method: "POST", headers: { ...form, "X-Forwarded-For": "203.0.113.9" }, body: "q_1=o2&via=snapchat", redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/p/abcdefgh12#results");
      expect(res.headers.get("set-cookie")).toContain("HttpOnly");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(seen[0].form.get("via")).toBe("snapchat");
      // The request came from this machine, so the proxy's forwarded address is the client's.
      expect(seen[0].clientAddress).toBe("203.0.113.9");
      expect(app.passedOn).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("pages, the live page's data requests and multipart forms go on to the app", async () => {
    const app = await serve(async () => {
      throw new Error("not a plain vote");
    });
    try {
      await fetch(`${app.base}/p/abcdefgh12`);
      await fetch(`${app.base}/p/abcdefgh12.data`, { method: "POST", headers: form, body: "q_1=o2" });
      const multipart = new FormData();
      multipart.set("q_1", "o2");
      await fetch(`${app.base}/p/abcdefgh12`, { method: "POST", body: multipart });
      expect(app.passedOn).toEqual(["GET /p/abcdefgh12", "POST /p/abcdefgh12.data", "POST /p/abcdefgh12"]);
    } finally {
      await app.close();
    }
  });

  it("an oversized vote is a 413 and never reaches the vote", async () => {
    let called = false;
    const app = await serve(async () => {
      called = true;
      return { status: 302, location: "/" };
    });
    try {
      const res = await fetch(`${app.base}/p/abcdefgh12`, { method: "POST", headers: form, body: `q_1=${"x".repeat(200_000)}` });
      expect(res.status).toBe(413);
      expect(called).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe("the client's address", () => {
  const req = (remoteAddress: string, forwarded?: string) => ({ socket: { remoteAddress }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} });

  it("a proxy on this machine names the client; anyone else's forwarded header is ignored", () => {
    expect(clientAddress(req("127.0.0.1", "198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(req("::ffff:127.0.0.1", "10.1.1.1, 198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(req("203.0.113.5", "198.51.100.7"))).toBe("203.0.113.5");
    expect(clientAddress(req("127.0.0.1"))).toBe("127.0.0.1");
  });
});
