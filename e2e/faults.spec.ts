/**
 * Faults, on the real server in its own process and data folder (never the shared e2e server's):
 * - SIGKILL in the middle of a burst of votes and comments: after a restart, every request that
 *   was answered with success is stored exactly once, and nothing was stored that was not sent;
 * - a database held locked by another writer: a vote and a comment get 503 with Retry-After, and
 *   go through as soon as the lock is gone;
 * - SIGTERM: a request in flight finishes, new connections are refused, live connections are told
 *   to reconnect, mail that is due is sent, and the process exits 0 well within its deadline.
 * No browser: plain HTTP as a phone without JavaScript (or a script) would send it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { io as socketClient } from "socket.io-client";
import { expect, test } from "@playwright/test";
import { startAppProcess, type AppProcess } from "./app-process.ts";
import { startMailbox, type Mailbox } from "../tests/mailbox.ts";

test.describe.configure({ mode: "serial" });

const port = Number(process.env.E2E_PORT ?? 3107) + 50;
const smtpPort = port + 1;
const origin = `http://127.0.0.1:${port}`;
const sessionSecret = crypto.randomBytes(32).toString("hex");

let dataDir: string;
let dbFile: string;
let mailbox: Mailbox;
let server: RunningServer | null = null;

type RunningServer = AppProcess;

function startServer(): Promise<RunningServer> {
  return startAppProcess(port, {
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${dbFile}`,
    PUBLIC_URL: origin,
    SESSION_SECRET: sessionSecret,
    SMTP_URL: mailbox.url,
    MAIL_FROM: "Fjordby Kommune <noreply@fjordby.dk>",
    MAIL_RETRY_SECONDS: "0.5",
    MAIL_RETRY_MAX_SECONDS: "2",
    MAIL_MAX_ATTEMPTS: "90",
    // The outbox is only looked at when woken (or at shutdown): a row the test writes waits.
    MAIL_POLL_SECONDS: "3600",
    // A lock outlasting half a second is a 503 here, so the lock test stays quick.
    SQLITE_BUSY_TIMEOUT_MS: "500",
  });
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-faults-"));
  dbFile = path.join(dataDir, "faults.db");
  mailbox = await startMailbox({ port: smtpPort });
  server = await startServer();
});

test.afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  await mailbox?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

// Every request claims its own client address (the server trusts X-Forwarded-For from loopback),
// and sends no cookie: each vote is a new voter, so no limit or one-vote rule refuses it.
let addressSeq = 0;
function nextAddress() {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

type Poll = { id: string; questions: { id: string; optionIds: string[] }[]; consultationSlug: string };

async function discoverPoll(): Promise<Poll> {
  const join = await fetch(`${origin}/j/UNGE26`, { redirect: "manual" });
  const pollId = /^\/p\/([^/?#]+)/.exec(join.headers.get("location") ?? "")?.[1];
  expect(pollId, "the demo's youth poll behind /j/UNGE26").toBeTruthy();
  const poll = await (await fetch(`${origin}/api/v1/polls/${pollId}`)).json();
  const list = await (await fetch(`${origin}/api/v1/consultations`)).json();
  const consultations: { slug: string; polls: { id: string }[] }[] = Array.isArray(list) ? list : list.consultations;
  const consultation = consultations.find((c) => c.polls.some((p) => p.id === pollId));
  expect(consultation, "the consultation the poll belongs to").toBeTruthy();
  const questions = (poll.questions as { id: string; options: { id: string }[] }[]).map((q) => ({ id: q.id, optionIds: q.options.map((o) => o.id) }));
  return { id: pollId!, questions, consultationSlug: consultation!.slug };
}

/** A complete answer to every question, spread over the options. */
function voteForm(poll: Poll, n: number, via: string) {
  const form = new URLSearchParams({ via });
  for (const q of poll.questions) form.set(`q_${q.id}`, q.optionIds[n % q.optionIds.length]);
  return form.toString();
}

function vote(poll: Poll, n: number, signal?: AbortSignal) {
  return fetch(`${origin}/p/${poll.id}`, {
    method: "POST",
    redirect: "manual",
    signal,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, "X-Forwarded-For": nextAddress() },
    body: voteForm(poll, n, "qr"),
  });
}

function comment(slug: string, clientId: string, body: string, signal?: AbortSignal) {
  const form = new URLSearchParams({ intent: "comment", clientId, body, displayName: "Burst-borger", acceptRules: "on" });
  return fetch(`${origin}/c/${slug}/comments`, {
    method: "POST",
    signal,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", Origin: origin, "X-Forwarded-For": nextAddress() },
    body: form.toString(),
  });
}

/** The voter token inside the signed voter cookie a vote was answered with. */
function voterToken(setCookie: string | null) {
  const value = /raadslag_voter=([^;]+)/.exec(setCookie ?? "")?.[1];
  if (!value) throw new Error(`No voter cookie in ${setCookie}`);
  const signed = decodeURIComponent(value);
  const data = signed.slice(0, signed.lastIndexOf("."));
  return JSON.parse(decodeURIComponent(escape(Buffer.from(data, "base64").toString("binary")))) as string;
}

/** How the server stores a voter on a poll: a keyed hash, which the test can make as it knows the secret. */
function voterHash(pollId: string, token: string) {
  return crypto.createHmac("sha256", sessionSecret).update(`${pollId}:${token}`).digest("base64url");
}

function readDatabase<T>(read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const countBallots = (db: Database.Database, pollId: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "PollBallot" WHERE "pollId" = ?`).get(pollId) as { n: number }).n;
const countComments = (db: Database.Database) => (db.prepare(`SELECT COUNT(*) AS n FROM "Comment"`).get() as { n: number }).n;

test("SIGKILL during a burst of votes and comments: every answered write is there after a restart, once", async () => {
  test.setTimeout(90_000);
  const poll = await discoverPoll();
  const probe = await comment(poll.consultationSlug, `probe-${Date.now()}`, "Prøver lige, om debatten er åben.");
  expect(probe.status, "the consultation takes comments").toBe(201);
  const before = readDatabase((db) => ({ ballots: countBallots(db, poll.id), comments: countComments(db) }));

  const acknowledgedVotes: string[] = [];
  const acknowledgedComments: { clientId: string; body: string }[] = [];
  let votesSent = 0;
  let commentsSent = 0;
  const unexpected: string[] = [];
  const stop = new AbortController();
  let killed = false;

  // Workers keep requests in flight until the kill; a request cut off by it counts as sent, not answered.
  const worker = async (kind: "vote" | "comment") => {
    while (!killed) {
      try {
        if (kind === "vote") {
          const n = votesSent++;
          const res = await vote(poll, n, stop.signal);
          if (res.status === 302) acknowledgedVotes.push(voterHash(poll.id, voterToken(res.headers.get("set-cookie"))));
          else unexpected.push(`vote ${res.status} ${res.headers.get("location")}`);
        } else {
          const n = commentsSent++;
          const clientId = `burst-${n}-${crypto.randomBytes(4).toString("hex")}`;
          const body = `Indlæg nummer ${n} i stormen (${clientId}).`;
          const res = await comment(poll.consultationSlug, clientId, body, stop.signal);
          await res.arrayBuffer();
          if (res.status === 201) acknowledgedComments.push({ clientId, body });
          else unexpected.push(`comment ${res.status}`);
        }
      } catch {
        // The connection died with the server: no answer, so nothing was promised.
      }
    }
  };
  const workers = [...Array.from({ length: 24 }, () => worker("vote")), ...Array.from({ length: 6 }, () => worker("comment"))];

  // Kill once the burst is well under way: enough answered that the check means something.
  const burstStarted = Date.now();
  while (acknowledgedVotes.length < 150 || acknowledgedComments.length < 10) {
    if (Date.now() - burstStarted > 20_000) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  server!.child.kill("SIGKILL");
  const exit = await server!.exited;
  killed = true;
  stop.abort();
  await Promise.all(workers);
  expect(exit.signal).toBe("SIGKILL");
  expect(unexpected, "nothing but success or a cut connection during the burst").toEqual([]);
  expect(acknowledgedVotes.length).toBeGreaterThanOrEqual(150);
  expect(acknowledgedComments.length).toBeGreaterThanOrEqual(10);

  server = await startServer();
  const after = readDatabase((db) => {
    const ballotsOf = db.prepare(`SELECT COUNT(*) AS n FROM "PollBallot" WHERE "pollId" = ? AND "voterHash" = ?`);
    const commentsOf = db.prepare(`SELECT COUNT(*) AS n, MAX("body") AS body FROM "Comment" WHERE "clientId" = ?`);
    return {
      votes: acknowledgedVotes.map((hash) => (ballotsOf.get(poll.id, hash) as { n: number }).n),
      comments: acknowledgedComments.map(({ clientId }) => commentsOf.get(clientId) as { n: number; body: string }),
      ballots: countBallots(db, poll.id),
      allComments: countComments(db),
    };
  });
  expect(after.votes.filter((n) => n !== 1), "every answered vote stored exactly once").toEqual([]);
  expect(after.comments.map((c) => c.n).filter((n) => n !== 1), "every answered comment stored exactly once").toEqual([]);
  expect(after.comments.map((c) => c.body)).toEqual(acknowledgedComments.map((c) => c.body));
  // Nothing from nowhere: at most what was sent, at least what was answered.
  expect(after.ballots - before.ballots).toBeLessThanOrEqual(votesSent);
  expect(after.ballots - before.ballots).toBeGreaterThanOrEqual(acknowledgedVotes.length);
  expect(after.allComments - before.comments).toBeLessThanOrEqual(commentsSent);
  expect(after.allComments - before.comments).toBeGreaterThanOrEqual(acknowledgedComments.length);

  // And the restarted server takes votes again.
  expect((await vote(poll, 0)).status).toBe(302);
});

test("a database locked by another writer: 503 with Retry-After for a vote and a comment, then both go through", async () => {
  test.setTimeout(60_000);
  const poll = await discoverPoll();
  const ballotsBefore = readDatabase((db) => countBallots(db, poll.id));
  const lock = new Database(dbFile, { fileMustExist: true });
  lock.exec("BEGIN IMMEDIATE");
  try {
    const refusedVote = await vote(poll, 1);
    expect(refusedVote.status).toBe(503);
    expect(Number(refusedVote.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refusedVote.text()).toMatch(/travlt/);

    const refusedComment = await comment(poll.consultationSlug, "locked-comment-1", "Skrevet mens databasen var låst.");
    expect(refusedComment.status).toBe(503);
    expect(Number(refusedComment.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refusedComment.json()).toMatchObject({ ok: false, error: "unavailable" });

    // The same post from the page without JavaScript: the error page says so, with the same status.
    const page = await fetch(`${origin}/c/${poll.consultationSlug}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, "X-Forwarded-For": nextAddress() },
      body: new URLSearchParams({ intent: "comment", clientId: "locked-comment-2", body: "Også låst.", displayName: "Maja", acceptRules: "on" }).toString(),
    });
    expect(page.status).toBe(503);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await page.text()).toContain("Der er travlt lige nu");
  } finally {
    lock.exec("ROLLBACK");
    lock.close();
  }
  // The refused vote was not counted, and the refused comment is new when it is sent again (201,
  // not the 200 of a post the server already has).
  expect(readDatabase((db) => countBallots(db, poll.id))).toBe(ballotsBefore);
  expect((await vote(poll, 2)).status).toBe(302);
  expect((await comment(poll.consultationSlug, "locked-comment-1", "Skrevet mens databasen var låst.")).status).toBe(201);
  expect(readDatabase((db) => countBallots(db, poll.id))).toBe(ballotsBefore + 1);
});

test("SIGTERM: the request in flight finishes, new connections are refused, live pages are told, due mail is sent, exit 0", async () => {
  test.setTimeout(60_000);
  const poll = await discoverPoll();
  const running = server!;

  // Mail that is due but that the worker has not been woken for (another process wrote it).
  const to = `afsked-${Date.now()}@eksempel.dk`;
  const writer = new Database(dbFile, { fileMustExist: true, timeout: 5000 });
  const stamp = (d: Date) => d.toISOString().replace("Z", "+00:00");
  writer
    .prepare(`INSERT INTO "MailMessage" ("id", "dedupeKey", "to", "subject", "text", "html", "headers", "status", "attempts", "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, '{}', 'pending', 0, ?, ?)`)
    .run(`faults${Date.now()}`, `faults:${to}`, to, "Udfaldet af høringen", "Byrådet har besluttet.", "<p>Byrådet har besluttet.</p>", stamp(new Date(Date.now() - 60_000)), stamp(new Date()));
  writer.close();

  // A live page's connection.
  const socket = socketClient(origin, { transports: ["websocket"], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const hint = new Promise<{ retryInMs: number }>((resolve) => socket.once("server:restarting", resolve));
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

  // An idle keep-alive connection must not hold the server open.
  const keepAlive = new http.Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => http.get(`${origin}/healthz`, { agent: keepAlive }, (res) => res.resume().on("end", resolve)).on("error", reject));

  // A vote in flight: its body is only half sent when the signal arrives.
  const body = Buffer.from(voteForm(poll, 0, "sms"));
  const inFlight = http.request(`${origin}/p/${poll.id}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": body.length, Origin: origin, "X-Forwarded-For": nextAddress() },
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => inFlight.once("response", resolve).once("error", reject));
  inFlight.write(body.subarray(0, 5));
  await new Promise((resolve) => setTimeout(resolve, 200));

  const signalledAt = Date.now();
  running.child.kill("SIGTERM");
  expect(await hint).toMatchObject({ retryInMs: expect.any(Number) });
  // Closed under the client, which then reconnects by itself (a server-side disconnect would not).
  expect(await disconnected).toBe("transport close");

  await expect.poll(async () => fetch(`${origin}/healthz`).then(() => "answered", (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message), { timeout: 5000 }).toBe("ECONNREFUSED");
  expect(running.child.exitCode, "still finishing the vote in flight").toBeNull();

  inFlight.end(body.subarray(5));
  const response = await answered;
  response.resume();
  expect(response.statusCode).toBe(302);
  const token = voterToken(String(response.headers["set-cookie"] ?? ""));

  const exit = await running.exited;
  expect(exit).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalledAt).toBeLessThan(10_000);
  server = null;
  keepAlive.destroy();
  socket.close();

  const mail = await mailbox.waitFor((m) => m.to === to, { timeoutMs: 1000 });
  expect(mail.subject).toBe("Udfaldet af høringen");
  readDatabase((db) => {
    expect((db.prepare(`SELECT "status" FROM "MailMessage" WHERE "to" = ?`).get(to) as { status: string }).status).toBe("sent");
    expect((db.prepare(`SELECT COUNT(*) AS n FROM "PollBallot" WHERE "voterHash" = ?`).get(voterHash(poll.id, token)) as { n: number }).n).toBe(1);
  });
  expect(running.log.join("")).toMatch(/SIGTERM/);
});
