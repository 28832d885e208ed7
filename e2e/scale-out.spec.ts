/**
 * Several processes: two real servers (A and B) on one database and one data folder, joined
 * through one Redis (REDIS_URL), as they would run behind a load balancer. On one SQLite file:
 * - a comment posted through A reaches a live page connected to B;
 * - the per-address vote limit holds in total across A and B, not once per process;
 * - one device voting through A and B at the same moment is counted once;
 * - a page on A that is restarted (SIGTERM) resumes on B with what it missed, replayed by B;
 * - a page on A that is killed (SIGKILL) reconnects to B and catches up, nothing missing.
 * On PostgreSQL (when TEST_POSTGRES_URL names a role with CREATEDB; a fresh database per run,
 * dropped afterwards) the three journeys of several machines: the comment from A to B, the same
 * voter through both at once, and the page whose process is killed.
 * No browser: plain HTTP and socket.io clients. Needs `redis-server` and a build (`npm run build`).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createCookie } from "@remix-run/node";
import { io as socketClient, type Socket } from "socket.io-client";
import { expect, test } from "@playwright/test";
import { startAppProcess, type AppProcess } from "./app-process.ts";
import { redisInstalled, startRedis, type TestRedis } from "../tests/redis.ts";
import { createTestDatabase, testPostgresUrl, type TestDatabase } from "../tests/postgres.ts";

test.skip(!redisInstalled, "redis-server is not installed (apt-get install redis-server): the several-processes tests need one to start");

const e2ePort = Number(process.env.E2E_PORT ?? 3107);
const originOf = (port: number) => `http://127.0.0.1:${port}`;
const sockets: Socket[] = [];

type RunningServer = AppProcess;

/**
 * Two processes on one database and one Redis, started and stopped by the suite that owns it.
 * `countBallots` reads the database directly, as the one-vote check needs.
 */
function cluster(provider: "sqlite" | "postgres", basePort: number) {
  const portA = basePort;
  const portB = basePort + 1;
  const redisPort = basePort + 2;
  const sessionSecret = crypto.randomBytes(32).toString("hex");
  let dataDir = "";
  let databaseUrl = "";
  let postgres: TestDatabase | null = null;
  let redis: TestRedis | null = null;
  const servers = new Map<number, RunningServer>();

  async function startServer(port: number): Promise<RunningServer> {
    const running = await startAppProcess(
      port,
      {
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        // Shared by both, as the session cookies and voter hashes must be.
        SESSION_SECRET: sessionSecret,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        MAIL_POLL_SECONDS: "3600",
      },
      { timeoutMs: 30_000 },
    );
    servers.set(port, running);
    return running;
  }

  async function stopServer(port: number, signal: NodeJS.Signals) {
    const running = servers.get(port);
    if (!running) return;
    servers.delete(port);
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
    await running.exited;
  }

  async function start() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `raadslag-scale-out-${provider}-`));
    if (provider === "postgres") {
      // Empty: process A migrates it at start, as in production.
      postgres = await createTestDatabase("scaleout", { migrate: false });
      databaseUrl = postgres.url;
    } else {
      databaseUrl = `file:${path.join(dataDir, "scale-out.db")}`;
    }
    redis = await startRedis(redisPort);
    // The first start migrates and seeds; the second finds the database ready.
    await startServer(portA);
    await startServer(portB);
  }

  async function stop() {
    for (const socket of sockets) socket.close();
    for (const port of [...servers.keys()]) await stopServer(port, "SIGKILL");
    await redis?.stop();
    await postgres?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  async function countBallots(voterHash: string): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM "PollBallot" WHERE "voterHash" = `;
    if (provider === "postgres") {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return Number((await client.query(`${sql}$1`, [voterHash])).rows[0].n);
      } finally {
        await client.end();
      }
    }
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`${sql}?`).get(voterHash) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  return { portA, portB, sessionSecret, start, stop, startServer, stopServer, countBallots };
}

// ---- Helpers ----

let addressSeq = 0;
/** A client address of its own (the servers trust X-Forwarded-For from loopback). */
function nextAddress() {
  const n = ++addressSeq;
  return `10.60.${(n >> 8) & 255}.${n & 255}`;
}

type Poll = { id: string; questions: { id: string; optionIds: string[] }[]; consultationId: string; consultationSlug: string };

async function demoPoll(origin: string): Promise<Poll> {
  const join = await fetch(`${origin}/j/UNGE26`, { redirect: "manual" });
  const pollId = /^\/p\/([^/?#]+)/.exec(join.headers.get("location") ?? "")?.[1];
  expect(pollId, "the demo's youth poll behind /j/UNGE26").toBeTruthy();
  const poll = await (await fetch(`${origin}/api/v1/polls/${pollId}`)).json();
  const list = await (await fetch(`${origin}/api/v1/consultations`)).json();
  const consultations: { id: string; slug: string; polls: { id: string }[] }[] = Array.isArray(list) ? list : list.consultations;
  const consultation = consultations.find((c) => c.polls.some((p) => p.id === pollId))!;
  const questions = (poll.questions as { id: string; options: { id: string }[] }[]).map((q) => ({ id: q.id, optionIds: q.options.map((o) => o.id) }));
  return { id: pollId!, questions, consultationId: consultation.id, consultationSlug: consultation.slug };
}

/** A plain form vote, as a phone without JavaScript sends it. */
function vote(origin: string, poll: Poll, { address, cookie }: { address: string; cookie?: string }) {
  const form = new URLSearchParams({ via: "qr" });
  for (const q of poll.questions) form.set(`q_${q.id}`, q.optionIds[0]);
  return fetch(`${origin}/p/${poll.id}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, "X-Forwarded-For": address, ...(cookie ? { Cookie: cookie } : {}) },
    body: form.toString(),
  });
}

async function comment(origin: string, slug: string, body: string) {
  const form = new URLSearchParams({ intent: "comment", clientId: crypto.randomUUID(), body, displayName: "Borger på tværs", acceptRules: "on" });
  const response = await fetch(`${origin}/c/${slug}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", Origin: origin, "X-Forwarded-For": nextAddress() },
    body: form.toString(),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

type SeqEvent = { seq: number; type: string; comment?: { body: string | null } };

/**
 * A live page as the browser's hook follows a consultation: joins on every connect with the last
 * number it saw and applies events in order. `rejoinWhenRecovered: false` leaves a recovered
 * connection alone, so what it gets can only have come from the recovery itself.
 */
function livePage(origin: string, consultationId: string, { rejoinWhenRecovered = true } = {}) {
  const socket = socketClient(origin, { transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 200, randomizationFactor: 0 });
  sockets.push(socket);
  const seen: SeqEvent[] = [];
  let lastSeq = -1;
  const apply = (event: SeqEvent) => {
    if (lastSeq >= 0 && event.seq <= lastSeq) return;
    seen.push(event);
    lastSeq = event.seq;
  };
  let joins = 0;
  const join = () =>
    new Promise<void>((resolve) => {
      socket.emit("consultation:join", { consultationId, afterSeq: Math.max(0, lastSeq) }, (catchUp: { events: SeqEvent[]; lastSeq: number }) => {
        joins++;
        if (lastSeq < 0) lastSeq = catchUp.lastSeq;
        else catchUp.events.forEach(apply);
        resolve();
      });
    });
  socket.on("connect", () => {
    if (joins > 0 && socket.recovered && !rejoinWhenRecovered) return;
    void join();
  });
  socket.on("consultation:event", (event: SeqEvent) => apply(event));
  return {
    socket,
    seen,
    get lastSeq() {
      return lastSeq;
    },
    joined: () => expect.poll(() => joins, { timeout: 5_000 }).toBeGreaterThan(0),
    /** Where the balancer sends the next connection. */
    moveTo: (target: string) => {
      (socket.io as unknown as { uri: string }).uri = target;
    },
  };
}

const bodies = (events: SeqEvent[]) => events.filter((e) => e.type === "comment.upsert").map((e) => e.comment?.body);

type Cluster = ReturnType<typeof cluster>;

// ---- The journeys ----

function commentFromAToB(c: Cluster) {
  return async () => {
    const poll = await demoPoll(originOf(c.portA));
    const page = livePage(originOf(c.portB), poll.consultationId);
    await page.joined();
    await comment(originOf(c.portA), poll.consultationSlug, "Skrevet gennem A, læst på B.");
    await expect.poll(() => bodies(page.seen), { timeout: 5_000 }).toContain("Skrevet gennem A, læst på B.");
    page.socket.close();
  };
}

function addressLimitAcross(c: Cluster) {
  return async () => {
    test.setTimeout(40_000);
    const poll = await demoPoll(originOf(c.portA));
    const address = nextAddress();
    const limit = 600; // app/modules/polls/vote-limits.server.ts
    const statuses: string[] = [];
    // Alternating A and B, a few at a time, every vote a new device from the one address (a school).
    for (let sent = 0; sent < limit + 20; sent += 10) {
      const batch = Array.from({ length: 10 }, (_, i) => vote(originOf((sent + i) % 2 ? c.portB : c.portA), poll, { address }));
      for (const response of await Promise.all(batch)) {
        statuses.push(response.status === 302 ? "counted" : (response.headers.get("location") ?? String(response.status)));
      }
    }
    expect(statuses.filter((s) => s === "counted")).toHaveLength(limit);
    expect(statuses.slice(limit).every((s) => s.includes("stemme=vote.tooFast"))).toBe(true);
  };
}

function sameVoterOnce(c: Cluster) {
  return async () => {
    const poll = await demoPoll(originOf(c.portA));
    const token = crypto.randomBytes(18).toString("base64url");
    const cookie = (await createCookie("raadslag_voter", { secrets: [c.sessionSecret] }).serialize(token)).split(";")[0];
    const [a, b] = await Promise.all([
      vote(originOf(c.portA), poll, { address: nextAddress(), cookie }),
      vote(originOf(c.portB), poll, { address: nextAddress(), cookie }),
    ]);
    const outcomes = [a, b].map((r) => (r.status === 302 ? "counted" : (r.headers.get("location") ?? String(r.status))));
    expect(outcomes.filter((o) => o === "counted")).toHaveLength(1);
    expect(outcomes.find((o) => o !== "counted")).toContain("stemme=vote.alreadyVoted");
    const hash = crypto.createHmac("sha256", c.sessionSecret).update(`${poll.id}:${token}`).digest("base64url");
    expect(await c.countBallots(hash)).toBe(1);
  };
}

function restartResumesOnB(c: Cluster) {
  return async () => {
    test.setTimeout(40_000);
    const poll = await demoPoll(originOf(c.portA));
    const page = livePage(originOf(c.portA), poll.consultationId, { rejoinWhenRecovered: false });
    await page.joined();
    const before = page.lastSeq;
    // Recovery resumes from the last broadcast a page received: it needs to have had one.
    await comment(originOf(c.portB), poll.consultationSlug, "Før A genstartede.");
    await expect.poll(() => bodies(page.seen), { timeout: 5_000 }).toContain("Før A genstartede.");
    page.moveTo(originOf(c.portB));
    const disconnected = new Promise((resolve) => page.socket.once("disconnect", resolve));
    // A graceful restart of A: it keeps the page's session in Redis as it closes the connection.
    const stopping = c.stopServer(c.portA, "SIGTERM");
    await disconnected;
    await comment(originOf(c.portB), poll.consultationSlug, "Mens A genstartede.");
    await expect.poll(() => page.socket.connected && page.socket.recovered, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => bodies(page.seen), { timeout: 5_000 }).toContain("Mens A genstartede.");
    expect(page.seen.map((e) => e.seq)).toEqual(Array.from({ length: page.lastSeq - before }, (_, i) => before + 1 + i));
    expect(bodies(page.seen)).toEqual(["Før A genstartede.", "Mens A genstartede."]);
    page.socket.close();
    await stopping;
    await c.startServer(c.portA);
  };
}

function killCatchesUp(c: Cluster) {
  return async () => {
    test.setTimeout(40_000);
    const poll = await demoPoll(originOf(c.portA));
    const page = livePage(originOf(c.portA), poll.consultationId);
    await page.joined();
    const before = page.lastSeq;
    await comment(originOf(c.portA), poll.consultationSlug, "Før A forsvandt.");
    await expect.poll(() => bodies(page.seen), { timeout: 5_000 }).toContain("Før A forsvandt.");

    // The balancer sends the next connection to B; A dies without a word.
    page.moveTo(originOf(c.portB));
    page.socket.io.reconnectionDelay(1_000);
    const disconnected = new Promise((resolve) => page.socket.once("disconnect", resolve));
    await c.stopServer(c.portA, "SIGKILL");
    await disconnected;
    await comment(originOf(c.portB), poll.consultationSlug, "Mens siden var væk.");
    await expect.poll(() => page.socket.connected, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => bodies(page.seen), { timeout: 5_000 }).toContain("Mens siden var væk.");
    await comment(originOf(c.portB), poll.consultationSlug, "Efter skiftet til B.");
    await expect.poll(() => bodies(page.seen), { timeout: 5_000 }).toContain("Efter skiftet til B.");
    expect(page.seen.map((e) => e.seq)).toEqual(Array.from({ length: page.lastSeq - before }, (_, i) => before + 1 + i));
    expect(bodies(page.seen)).toEqual(["Før A forsvandt.", "Mens siden var væk.", "Efter skiftet til B."]);
  };
}

// ---- The suites ----

test.describe("on one SQLite file", () => {
  test.describe.configure({ mode: "serial" });
  const c = cluster("sqlite", e2ePort + 60);
  test.beforeAll(async () => {
    test.setTimeout(60_000);
    await c.start();
  });
  test.afterAll(() => c.stop());

  test("a comment posted through A reaches a page that is live on B", commentFromAToB(c));
  test("the per-address vote limit holds in total across A and B, not once per process", addressLimitAcross(c));
  test("one device voting through A and B at the same moment is counted once", sameVoterOnce(c));
  test("a page on A that is restarted resumes on B, which replays what it missed", restartResumesOnB(c));
  test("a page on A that is killed reconnects to B and catches up, nothing missing", killCatchesUp(c));
});

test.describe("on PostgreSQL", () => {
  test.skip(!testPostgresUrl, "TEST_POSTGRES_URL is not set: the PostgreSQL variant needs a role that may create databases (docs/decisions/0014-postgresql.md)");
  test.describe.configure({ mode: "serial" });
  const c = cluster("postgres", e2ePort + 63);
  test.beforeAll(async () => {
    test.setTimeout(60_000);
    await c.start();
  });
  test.afterAll(() => c.stop());

  test("a comment posted through A reaches a page that is live on B", commentFromAToB(c));
  test("one device voting through A and B at the same moment is counted once", sameVoterOnce(c));
  test("a page on A that is killed reconnects to B and catches up, nothing missing", killCatchesUp(c));
});
