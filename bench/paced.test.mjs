/**
 * The paced load generator against real HTTP servers on loopback: it keeps its rate over exactly
 * the connections asked for, reads every way a server may frame an answer, and charges a server's
 * stall to every vote that fell due during it. Run with `node --test bench/`.
 *
 * Each server runs in a process of its own (this file, started again with PACED_TEST_SERVER set),
 * as the servers under test do: a server that stalls must not stall the generator with it.
 */
import http from "node:http";
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const warmupVotes = (rate) => rate / 4; // the runs below warm up for a quarter of a second

/** How each test server answers POST /vote; GET /healthz is answered 200 by all of them. */
const behaviours = {
  // 302, as the app answers a counted vote.
  plain: (req, res) => {
    res.writeHead(302, { Location: "/done", "Content-Length": 0 });
    res.end();
  },
  // Half-way through the window (400 votes/s: 100 warm-up votes, then 400), the event loop is
  // blocked for 300 ms, once.
  stall: (req, res, n) => {
    if (n === warmupVotes(400) + 200) {
      const until = Date.now() + 300;
      while (Date.now() < until);
    }
    behaviours.plain(req, res);
  },
  // In turn: a length, chunks, another status with a body, and no framing but the end of the
  // connection. Node's own responses always carry a length or chunks, so the last one is written
  // straight to the socket.
  framing: (req, res, n) => {
    const k = n % 4;
    if (k === 0) behaviours.plain(req, res);
    else if (k === 1) {
      res.writeHead(302, { "Content-Type": "text/plain" });
      res.write("moved ");
      setTimeout(() => res.end("on"), 2);
    } else if (k === 2) {
      res.writeHead(303, { "Content-Type": "text/plain", "Content-Length": 7 });
      res.end("refused");
    } else req.socket.end("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nInternal error");
  },
  // At 100 votes/s: the 25 warm-up votes and 40 more are answered, then nothing ever again.
  silent: (req, res, n) => {
    if (n <= warmupVotes(100) + 40) behaviours.plain(req, res);
  },
};

if (process.env.PACED_TEST_SERVER) {
  const behave = behaviours[process.env.PACED_TEST_SERVER];
  const sockets = new Set();
  let votes = 0;
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") return res.end("ok");
    req.resume();
    req.on("end", () => behave(req, res, ++votes));
  });
  server.on("connection", (socket) => sockets.add(socket));
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
  process.on("message", () => process.send({ votes, connections: sockets.size }));
  process.on("disconnect", () => process.exit(0));
} else {
  const { after, test } = await import("node:test");
  const assert = (await import("node:assert/strict")).default;
  const { pacedLoad } = await import("./paced.mjs");

  const children = new Set();
  after(() => {
    for (const child of children) child.kill();
  });

  /** A test server in its own process; `counts()` asks it what it received. */
  async function serve(kind) {
    const child = fork(fileURLToPath(import.meta.url), { env: { ...process.env, PACED_TEST_SERVER: kind }, stdio: "inherit" });
    children.add(child);
    const [{ port }] = await once(child, "message");
    const counts = async () => {
      child.send("counts");
      const [message] = await once(child, "message");
      return message;
    };
    return { baseUrl: `http://127.0.0.1:${port}`, counts };
  }

  const run = (baseUrl, rate) => {
    let n = 0;
    return pacedLoad({
      baseUrl,
      rate,
      connections: 8,
      warmupS: 0.25,
      seconds: 1,
      nextRequest: () => ({ method: "POST", path: "/vote", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: Buffer.from(`n=${n++}`) }),
      ok: 302,
      connectPath: "/healthz",
      requestTimeoutS: 2,
      drainLimitS: 3,
      connectMaxS: 5,
    });
  };

  test("votes go out at the offered rate, spread over exactly the connections asked for", async () => {
    const server = await serve("plain");
    const result = await run(server.baseUrl, 400);
    assert.equal(result.scheduled, 400);
    assert.equal(result.acknowledged, 400);
    assert.equal(result.errors, 0);
    assert.ok(Math.abs(result.votesPerSecond - 400) <= 20, `answered ${result.votesPerSecond}/s`);
    assert.ok(Math.abs(result.seconds - 1) < 0.05, `a window of ${result.seconds} s`);
    assert.deepEqual(await server.counts(), { votes: 100 + 400, connections: 8 }, "every vote arrived once, over the 8 connections opened first");
    assert.equal(result.connections.inPlay, 8, "all 8 carried votes in the window");
    assert.equal(result.connections.closedDuringRun, 0);
    assert.ok(result.latencyMs.p50 < 20, `p50 ${result.latencyMs.p50} ms on an idle server`);
  });

  test("a stall on the server counts against every vote that fell due during it", async () => {
    const server = await serve("stall");
    const result = await run(server.baseUrl, 400);
    assert.equal(result.acknowledged, 400);
    // About 120 of the 400 window votes fell due during the 300 ms stall, each waiting for what
    // was left of it: from their due time, more than a tenth of the window waited over 100 ms.
    assert.ok(result.latencyMs.max >= 250, `max ${result.latencyMs.max} ms`);
    assert.ok(result.latencyMs.p90 >= 100, `p90 ${result.latencyMs.p90} ms`);
    // Timed from sending, as a closed loop times them, only the 8 on the wire saw the stall.
    assert.ok(result.serviceMs.p90 < 50, `service p90 ${result.serviceMs.p90} ms`);
    assert.ok(result.connectionWait.votes > 50, "votes due in the stall waited for a free connection");
  });

  test("answers framed by length, chunks or the end of the connection are all read, and closed connections are replaced", async () => {
    const server = await serve("framing");
    const result = await run(server.baseUrl, 200);
    assert.equal(result.answered, 200, JSON.stringify(result.requestErrors));
    assert.deepEqual(result.statuses, { 302: 100, 303: 50, 500: 50 });
    assert.equal(result.acknowledged, 100);
    assert.equal(result.errors, 100, "303 and 500 are errors");
    assert.ok(result.connections.closedDuringRun >= 50, "every 500 closed its connection");
    assert.ok(result.connections.opened >= 8 + 50, "and each was replaced");
  });

  test("a server that stops answering costs errors, not a hung benchmark", async () => {
    const server = await serve("silent");
    const started = Date.now();
    const result = await run(server.baseUrl, 100);
    assert.equal(result.acknowledged, 40);
    assert.equal(result.errors, 60);
    assert.ok(result.notSent > 0, "votes still due at the drain limit were not sent");
    assert.ok(result.requestErrors.timeout > 0, "votes on the wire timed out");
    // Window 1.25 s with the warm-up, drain limit 3 s, then at most a timeout (2 s) and a bit.
    assert.ok(Date.now() - started < 9000, `took ${Date.now() - started} ms`);
  });
}
