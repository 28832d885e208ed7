#!/usr/bin/env node
/**
 * Poll-vote benchmark: how many votes a second the real app accepts (POST /p/<id>, each from a
 * new voter) and how long each takes, over a fixed number of connections, next to a bare baseline
 * that does the same SQLite writes with no framework. See bench/README.md.
 *
 * Two modes, each on a fresh server: the closed loop (autocannon: every connection sends its next
 * vote as soon as the previous one is answered) measures capacity; the paced run (bench/paced.mjs:
 * a fixed rate, evenly spaced, latency from each vote's due time) measures how long votes take at
 * a given load. By default both run, the paced one at the goal's 2,000 votes/s.
 *
 *   npm run bench:polls -- [--seconds 15] [--connections 200] [--warmup 5] [--only app|baseline]
 *                          [--rate <votes/s> | --closed] [--profile]
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { cleanupAndExit, cleanupOnExit, children, ensureBuild, freePort, loopStats, machineCpu, percentile, request, root, round, sleep, stopServer, tempDirs } from "./lib.mjs";
import { printProfileSummary, summarizeProfile } from "./polls-profile.mjs";
import { pacedLoad } from "./paced.mjs";

const joinCode = "UNGE26";
const goal = { votesPerSecond: 2000, p99Ms: 25, connections: 200 };
const ageGroups = ["13-17", "18-24", "25-39", "40-64", "65+", ""]; // "" = not answered (optional)
const vias = ["snapchat", "instagram", "qr", "web"];
// After the window no new votes are sent, but those already on the wire are awaited (each at
// most autocannon's 10 s timeout), so every vote sent is either answered or counted as lost.
const requestTimeoutS = 10;
const drainLimitS = requestTimeoutS + 5;
// Opening the connections is given this long before the votes start regardless (see load()).
const connectMaxS = 30;

// ---------------------------------------------------------------------------------------------
// Arguments

const usage =
  "usage: npm run bench:polls -- [--seconds 15] [--connections 200] [--warmup 5] [--only app|baseline] [--rate <votes/s> | --closed] [--profile]";

function parseArgs(argv) {
  const options = { seconds: 15, connections: goal.connections, warmup: 5, only: null, profile: false, rate: null, closed: false };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = argv[i].split("=", 2);
    const next = () => value ?? argv[++i];
    if (key === "--seconds") options.seconds = Number(next());
    else if (key === "--connections") options.connections = Number(next());
    else if (key === "--warmup") options.warmup = Number(next());
    else if (key === "--only") options.only = next();
    else if (key === "--profile") options.profile = true;
    else if (key === "--rate") options.rate = Number(next());
    else if (key === "--closed") options.closed = true;
    else if (key === "--help" || key === "-h") {
      console.log(usage);
      process.exit(0);
    } else {
      console.error(`Unknown argument ${argv[i]}; try --help.`);
      process.exit(2);
    }
  }
  const bad = (what) => {
    console.error(`Invalid ${what}.`);
    process.exit(2);
  };
  if (!(options.seconds >= 1 && options.seconds <= 600)) bad("--seconds (1–600)");
  if (!(Number.isInteger(options.connections) && options.connections >= 1 && options.connections <= 5000)) bad("--connections (1–5000)");
  if (!(options.warmup >= 0 && options.warmup <= 120)) bad("--warmup (0–120 s)");
  if (options.only && !["app", "baseline"].includes(options.only)) bad("--only (app or baseline)");
  if (options.rate != null && !(Number.isInteger(options.rate) && options.rate >= 1 && options.rate <= 20_000)) bad("--rate (a whole number of votes a second, 1–20000)");
  if (options.rate != null && options.closed) bad("combination: --rate runs the paced mode only, --closed the closed loop only");
  // A profile is of the app; the baseline would only add a second, uninteresting one. It profiles
  // one mode: the closed loop, as it always has, unless a paced rate is asked for.
  if (options.profile) {
    options.only = "app";
    if (options.rate == null) options.closed = true;
  }
  options.modes = options.closed ? ["closed"] : options.rate != null ? ["paced"] : ["closed", "paced"];
  options.rate ??= goal.votesPerSecond;
  return options;
}

const options = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------
// Cleanup: children and temp dirs are tracked from the moment they exist, and removed on any exit.

cleanupOnExit();

// A hard ceiling for the whole run, in case some wait below misbehaves in a way not foreseen. A
// paced run may wait a request timeout longer after its drain (see bench/paced.mjs).
const runs = (options.only ? 1 : 2) * options.modes.length;
const runLimitMs = runs * ((connectMaxS + options.warmup + options.seconds + drainLimitS + requestTimeoutS + 2) * 1000 + 240_000);
setTimeout(() => void cleanupAndExit(1, `Time limit of ${Math.round(runLimitMs / 1000)} s reached; aborting.`), runLimitMs).unref();

// ---------------------------------------------------------------------------------------------
// Servers under test

async function startServer(kind, { profileDir } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-bench-polls-"));
  tempDirs.add(dir);
  const port = await freePort();
  const dbFile = path.join(dir, "bench.db");
  const script = kind === "app" ? "bench/app-server.mjs" : "bench/polls-bare-server.mjs";
  const env = { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dir, DATABASE_URL: `file:${dbFile}` };
  delete env.PUBLIC_URL;
  // Flags, not NODE_OPTIONS: the server's own `prisma migrate deploy` child should not be profiled.
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  children.add(child);
  const log = [];
  const errors = [];
  let countErrors = false; // Prisma's migrate writes to stderr during start-up; count only later
  const keep = (stream, isErr) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (text) => {
      const lines = (rest + text).split("\n");
      rest = lines.pop();
      for (const line of lines) {
        log.push(line);
        if (log.length > 200) log.shift();
        if (isErr && countErrors && line.trim()) errors.push(line);
      }
    });
  };
  keep(child.stdout, false);
  keep(child.stderr, true);
  let alive = true;
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  exited.then(() => {
    alive = false;
    children.delete(child);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = { kind, child, dir, dbFile, port, baseUrl, log, errors, exited, get alive() { return alive; } };

  const deadline = performance.now() + 120_000;
  while (true) {
    if (!alive) throw new Error(`${kind} server exited during start-up:\n${log.slice(-30).join("\n")}`);
    const res = await request(`${baseUrl}/healthz`, { timeoutMs: 2000 });
    if (res.status === 200) break;
    if (performance.now() > deadline) throw new Error(`${kind} server not healthy within 120 s:\n${log.slice(-30).join("\n")}`);
    await sleep(250);
  }
  countErrors = true;
  server.poll = await discoverPoll(server);
  return server;
}

/** The poll behind the demo's join code, and its question and option ids, as a voter finds them. */
async function discoverPoll(server) {
  const join = await request(`${server.baseUrl}/j/${joinCode}`);
  const match = join.status === 302 && /^\/p\/([^/?#]+)/.exec(join.headers.location ?? "");
  if (!match) throw new Error(`GET /j/${joinCode} on the ${server.kind} server answered ${join.status} ${join.headers?.location ?? ""}`);
  const pollId = decodeURIComponent(match[1]);
  const res = await request(`${server.baseUrl}/api/v1/polls/${encodeURIComponent(pollId)}`);
  if (res.status !== 200) throw new Error(`GET /api/v1/polls/${pollId} answered ${res.status}`);
  const poll = JSON.parse(res.text);
  if (poll.status !== "open") throw new Error(`The poll behind ${joinCode} is ${poll.status}, not open.`);
  if (!poll.questions?.length || poll.questions.some((q) => !q.options?.length)) throw new Error(`The poll behind ${joinCode} has no questions or options.`);
  return { id: poll.id, questions: poll.questions.map((q) => ({ id: q.id, type: q.type, options: q.options.map((o) => o.id) })) };
}

/**
 * Every combination of answers, age group and channel as a ready form body, so building a request
 * costs a lookup, not an encoding, and the votes spread over all options as real ones would.
 */
function voteBodies(poll) {
  let combos = [[]];
  for (const q of poll.questions) combos = combos.flatMap((c) => q.options.map((o) => [...c, [`q_${q.id}`, o]]));
  const bodies = [];
  for (const c of combos) {
    for (const age of ageGroups) {
      for (const via of vias) {
        const fields = [...c, ...(age ? [["ageGroup", age]] : []), ["via", via]];
        bodies.push(Buffer.from(new URLSearchParams(fields).toString()));
      }
    }
  }
  return bodies;
}

// Every request claims its own client address. The app runs with Express's `trust proxy` set to
// loopback, so from 127.0.0.1 the X-Forwarded-For value becomes `req.ip`, the key of the per-address
// vote limit (600 a minute): without this all load would share one address and be refused after
// 600 votes. 10.0.0.0/8 addresses are only header values here; no traffic goes to them.
let addressSeq = 0;
function nextAddress() {
  const n = (addressSeq++ % 0xfffffe) + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function voteHeaders() {
  // No Cookie header: the server draws a new voter token for every request, so each vote is a new
  // device and neither the one-vote rule nor the per-voter limit ever applies.
  return { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": nextAddress() };
}

/** Votes for the paced generator: the same bodies and headers as the closed loop's, in turn. */
function voteRequests(poll) {
  const bodies = voteBodies(poll);
  const votePath = `/p/${encodeURIComponent(poll.id)}`;
  let n = 0;
  return () => ({ method: "POST", path: votePath, headers: voteHeaders(), body: bodies[n++ % bodies.length] });
}

function dbCount(dbFile, pollId) {
  // Read-only, beside the server's own connection: WAL lets it read while the server writes.
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const ballots = db.prepare(`SELECT COUNT(*) AS n FROM "PollBallot" WHERE "pollId" = ?`).get(pollId).n;
    const answers = db.prepare(`SELECT COUNT(*) AS n FROM "PollAnswer" a JOIN "PollBallot" b ON b.id = a."ballotId" WHERE b."pollId" = ?`).get(pollId).n;
    return { ballots, answers };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Load

/**
 * One autocannon run in three parts on the same `connections` keep-alive connections:
 *
 * 1. Connect: every connection sends GET /healthz at most once a second until all of them have
 *    been answered. Node accepts one new connection per turn of its event loop (libuv, since
 *    Node 20), so a server already busy with votes on some connections can take more than a
 *    minute to accept the rest; opening them on a nearly idle server puts all of them in play
 *    before any vote.
 * 2. Warm-up: `warmupS` seconds of votes at full load (lazy imports, JIT, first queries).
 * 3. Window: `seconds` of the same, measured. Each connection sends its next vote as soon as the
 *    previous one is answered (closed loop, pipelining 1). Then no new votes are sent and those in
 *    flight are awaited, so that every vote sent is either answered or counted as lost, and the
 *    database can be checked against the answers.
 */
async function load(server, { warmupS, seconds, connections, onWindowStart, onWindowEnd }) {
  const { poll } = server;
  const bodies = voteBodies(poll);
  const votePath = `/p/${encodeURIComponent(poll.id)}`;
  const clients = [];
  const answeredClients = new Set();
  const phases = { connect: newTally(), warmup: newTally(), window: newTally() };
  let phase = "connect";
  let answeredPhase = null; // the phase of the request whose answer is being handled
  let latencies = new Float64Array(1 << 16);
  let windowAnswered = 0;
  let okInWindow = 0;
  const perSecond = [];
  let votesStartedAt = null;
  let windowStartedAt = null;
  let windowEndedAt = null;
  let connectionsInPlay = null;
  let votes = 0;

  const started = performance.now();
  const instance = autocannon({
    url: server.baseUrl,
    connections,
    pipelining: 1,
    timeout: requestTimeoutS,
    // One request a second per connection while connecting; lifted for the votes (below).
    connectionRate: 1,
    // Latencies are recorded here, not from autocannon's histogram: skip its back-filling.
    ignoreCoordinatedOmission: true,
    // Only a ceiling: the window is closed below, and the run ends once the last answer is in.
    duration: connectMaxS + warmupS + seconds + drainLimitS,
    sampleInt: 100,
    setupClient: (client) => {
      clients.push(client);
      client.on("response", () => answeredClients.add(client));
    },
    requests: [
      {
        method: "POST",
        path: votePath,
        // Called for every request a connection sends: the part of the run it belongs to, kept in
        // the connection's own context, and for a vote a new address and a varied ballot.
        setupRequest: (req, context) => {
          context.phase = phase;
          phases[phase].sent++;
          if (phase === "connect") return { ...req, method: "GET", path: "/healthz", headers: {}, body: undefined };
          req.headers = voteHeaders();
          req.body = bodies[votes++ % bodies.length];
          return req;
        },
        // Runs just before autocannon's "response" event for the same answer.
        onResponse: (_status, _body, context) => {
          answeredPhase = context.phase;
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    const tally = phases[answeredPhase] ?? phases.window;
    tally.answered++;
    tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
    if (phase === "window" && windowEndedAt == null && status === 302) {
      okInWindow++;
      // Votes answered per second of the window: a server that slows down as votes accumulate
      // shows it here. In the JSON only.
      const second = Math.floor((performance.now() - windowStartedAt) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    }
    if (answeredPhase !== "window") return;
    if (windowAnswered === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[windowAnswered++] = ms;
  });
  instance.on("reqError", (error) => {
    const errors = phases[phase].requestErrors;
    errors[error.message] = (errors[error.message] ?? 0) + 1;
  });

  const timers = new Set();
  const after = (ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const startVotes = () => {
    connectionsInPlay = answeredClients.size;
    phase = warmupS > 0 ? "warmup" : "window";
    votesStartedAt = performance.now();
    // Lifts the per-connection rate: a connection paused for the rest of its second resumes at
    // its next tick (within a second), which the warm-up absorbs.
    for (const client of clients) client.rate = Infinity;
    if (phase === "window") startWindow();
    else after(warmupS * 1000, startWindow);
  };
  const startWindow = () => {
    phase = "window";
    windowStartedAt = performance.now();
    onWindowStart?.();
    after(seconds * 1000, endWindow);
  };
  const endWindow = () => {
    windowEndedAt = performance.now();
    onWindowEnd?.();
    // A connection whose request budget is spent closes itself after its current answer instead of
    // sending another; autocannon ends the run once all of them have.
    for (const client of clients) client.responseMax = Math.max(1, client.reqsMade);
  };
  const waitForConnections = () => {
    if (answeredClients.size >= connections || performance.now() - started >= connectMaxS * 1000) startVotes();
    else after(50, waitForConnections);
  };
  waitForConnections();

  const result = await instance;
  for (const timer of timers) clearTimeout(timer);
  const now = performance.now();
  votesStartedAt ??= now;
  windowStartedAt ??= now;
  windowEndedAt ??= now;
  const windowMs = windowEndedAt - windowStartedAt;
  const sorted = latencies.subarray(0, windowAnswered).sort();
  const summary = (tally, ok = 302) => {
    const acknowledged = tally.statuses[ok] ?? 0;
    const unanswered = Math.max(0, tally.sent - tally.answered);
    return {
      ...tally,
      acknowledged,
      // Sent and never answered: cut off by the drain ceiling, timed out, or lost with a broken
      // connection.
      unanswered,
      // Anything but the expected status, and every request that got no answer at all.
      errors: tally.answered - acknowledged + unanswered,
      requestErrorCount: Object.values(tally.requestErrors).reduce((a, b) => a + b, 0),
    };
  };
  return {
    connect: { seconds: round((votesStartedAt - started) / 1000, 2), connectionsInPlay: connectionsInPlay ?? answeredClients.size, ...summary(phases.connect, 200) },
    warmup: { seconds: round((windowStartedAt - votesStartedAt) / 1000, 2), ...summary(phases.warmup) },
    ...summary(phases.window),
    seconds: round(windowMs / 1000, 2),
    drainSeconds: round((now - windowEndedAt) / 1000, 2),
    acknowledgedInWindow: okInWindow,
    timeline: Array.from(perSecond, (votes, atS) => ({ atS, votes: votes ?? 0 })),
    votesPerSecond: round(okInWindow / (windowMs / 1000), 0),
    latencyMs: {
      p50: round(percentile(sorted, 50), 2),
      p90: round(percentile(sorted, 90), 2),
      p99: round(percentile(sorted, 99), 2),
      max: round(percentile(sorted, 100), 2),
      mean: windowAnswered ? round(sorted.reduce((a, b) => a + b, 0) / windowAnswered, 2) : null,
    },
    autocannon: { totalRequests: result.totalRequests, errors: result.errors, timeouts: result.timeouts, duration: result.duration },
  };
}

function newTally() {
  return { sent: 0, answered: 0, statuses: {}, requestErrors: {} };
}

/**
 * Votes one at a time, each waiting for the previous answer. Used twice: first to wake a fresh
 * process up (lazy imports, first queries; the very first vote is reported as the cold cost), and
 * after the load, on a server that is warm but otherwise idle, to measure what one vote costs on
 * its own in wall time and server CPU. The app keeps getting faster for well over a thousand votes
 * (V8 compiles hot code on threads of its own, counted in the process's CPU), so measured before
 * the load the figure would be mostly warm-up.
 */
async function votesInTurn(server, count, { measure = false } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bodies = voteBodies(server.poll);
  const url = `${server.baseUrl}/p/${encodeURIComponent(server.poll.id)}`;
  const statuses = {};
  const ms = [];
  if (measure) await loopStats(server.child);
  for (let i = 0; i < count; i++) {
    const body = bodies[(i * 7) % bodies.length];
    const res = await request(url, { method: "POST", agent, body, headers: { ...voteHeaders(), "Content-Length": body.length } });
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    ms.push(res.ms);
  }
  const stats = measure ? await loopStats(server.child) : null;
  agent.destroy();
  const first = ms[0];
  ms.sort((a, b) => a - b);
  if ((statuses[302] ?? 0) !== count) throw new Error(`Votes one at a time on the ${server.kind} server were not all accepted: ${JSON.stringify(statuses)}`);
  return {
    votes: count,
    firstVoteMs: round(first, 1),
    httpMs: { p50: round(percentile(ms, 50), 2), max: round(percentile(ms, 100), 2) },
    serverCpuMsPerVote: stats ? round(stats.cpuMs / count, 2) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// One phase: one server in one mode; wake-up votes, then connect, warm-up and the measured window
// under load (closed loop or paced), the database check, and last the cost of one vote on its own.

async function runPhase(kind, mode) {
  const label = kind === "app" ? "APP" : "BASELINE";
  const profileDir = options.profile ? fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-bench-polls-prof-")) : null;
  if (profileDir) tempDirs.add(profileDir);
  console.log(`\n[${label}] starting server${profileDir ? " with --cpu-prof" : ""}…`);
  const server = await startServer(kind, { profileDir });
  const result = { target: label, mode };
  const window = {};
  try {
    console.log(`[${label}] poll ${server.poll.id}: ${server.poll.questions.map((q) => `${q.type} (${q.options.length} options)`).join(", ")}`);
    const wakeUp = await votesInTurn(server, 200);
    result.firstVoteMs = wakeUp.firstVoteMs;
    await sleep(300); // the app's live-results push runs up to 250 ms after a vote
    const before = dbCount(server.dbFile, server.poll.id);

    let benchCpu = null;
    let machineStart = null;
    let serverLoop = null;
    let benchCpuMs = null;
    let machineEnd = null;
    console.log(
      `[${label}] ${mode === "paced" ? `paced, ${options.rate.toLocaleString("en")} votes/s: ` : "closed loop: "}` +
        `opening ${options.connections} connections, ${options.warmup} s warm-up, then ${options.seconds} s measured…`,
    );
    const measure = {
      onWindowStart: () => {
        // Resets the server's figures (the answer is the warm-up's): the window starts now.
        void loopStats(server.child);
        benchCpu = process.cpuUsage();
        machineStart = machineCpu();
        window.startUs = Number(process.hrtime.bigint() / 1000n);
      },
      onWindowEnd: () => {
        window.endUs = Number(process.hrtime.bigint() / 1000n);
        const cpu = process.cpuUsage(benchCpu);
        benchCpuMs = (cpu.user + cpu.system) / 1000;
        machineEnd = machineCpu();
        serverLoop = loopStats(server.child);
      },
    };
    const shape = { warmupS: options.warmup, seconds: options.seconds, connections: options.connections };
    const run =
      mode === "paced"
        ? await pacedLoad({
            ...shape,
            ...measure,
            baseUrl: server.baseUrl,
            rate: options.rate,
            nextRequest: voteRequests(server.poll),
            ok: 302,
            connectPath: "/healthz",
            requestTimeoutS,
            drainLimitS,
            connectMaxS,
          })
        : await load(server, { ...shape, ...measure });
    serverLoop = await serverLoop;
    // Everything sent has been answered (or given up on); a short pause lets a write that was
    // still finishing when its connection broke land before the count.
    await sleep(500);
    const after = dbCount(server.dbFile, server.poll.id);
    result.alone = await votesInTurn(server, 50, { measure: true });

    Object.assign(result, run);
    const acknowledgedAll = run.acknowledged + run.warmup.acknowledged;
    const questions = server.poll.questions.length;
    result.db = {
      before,
      after,
      acknowledged: acknowledgedAll,
      ballotsAdded: after.ballots - before.ballots,
      answersAdded: after.answers - before.answers,
      // What must hold: one ballot per 302 (warm-up and window alike), and one answer per question
      // on each (every vote sent here picks exactly one option per question).
      ballotsMinusAcknowledged: after.ballots - before.ballots - acknowledgedAll,
      answersMinusExpected: after.answers - before.answers - acknowledgedAll * questions,
    };
    result.db.equal = result.db.ballotsMinusAcknowledged === 0 && result.db.answersMinusExpected === 0;
    result.serverLoop = serverLoop;
    const windowMs = run.seconds * 1000;
    result.serverCpuMsPerVote = serverLoop && run.acknowledgedInWindow ? round(serverLoop.cpuMs / run.acknowledgedInWindow, 3) : null;
    result.benchProcess = { cpuPercent: benchCpuMs != null ? round((benchCpuMs / windowMs) * 100) : null };
    if (machineStart && machineEnd) {
      const cores = os.cpus().length;
      const busyCores = ((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * cores;
      const ours = ((benchCpuMs ?? 0) + (serverLoop?.cpuMs ?? 0)) / windowMs;
      result.machine = { cores, busyCores: round(busyCores, 2), otherProcessesCores: round(Math.max(0, busyCores - ours), 2), loadavg: os.loadavg().map((x) => round(x, 2)) };
    }
    result.serverStderrLines = server.errors.length;
    result.serverStderrTail = server.errors.slice(-5);
    result.serverAlive = server.alive;
    console.log(
      `[${label}] ${run.connect.connectionsInPlay}/${options.connections} connections in ${run.connect.seconds} s; warm-up ${run.warmup.seconds} s, ${run.warmup.acknowledged} votes; ` +
        `window: ${run.acknowledged} votes, ${run.votesPerSecond}/s, p99 ${run.latencyMs.p99} ms, errors ${run.errors}; ` +
        (run.generator ? `generator lag p99 ${run.generator.lagMs.p99} ms${run.generator.keptUp ? "" : " (FELL BEHIND)"}; ` : "") +
        `db ${result.db.equal ? "= acknowledged" : `differs (${JSON.stringify(result.db)})`}`,
    );
    return result;
  } finally {
    if (server.errors.length) console.log(`[${label}] server wrote ${server.errors.length} line(s) to stderr; last:\n  ${server.errors.slice(-5).join("\n  ")}`);
    // Node writes the profile when the process exits; a long run's profile takes a while.
    await stopServer(server, profileDir ? 60_000 : 5000);
    if (profileDir) {
      const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
      if (file) {
        const resultsDir = path.join(root, "bench", "results");
        fs.mkdirSync(resultsDir, { recursive: true });
        const kept = path.join(resultsDir, `polls-${stamp}-${mode}.cpuprofile`);
        fs.copyFileSync(path.join(profileDir, file), kept);
        result.profile = { file: path.relative(root, kept), windowUs: window, ...summarizeProfile(kept, window.endUs ? window : null) };
      } else result.profile = { error: "no .cpuprofile was written (did the server exit cleanly?)" };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (x, digits = 1) => (x == null ? "–" : Number(x).toFixed(digits));
const thousands = (n) => Number(n).toLocaleString("en");
const modeLabel = (r) => (r.mode === "paced" ? `paced ${r.rate}/s` : "closed");
// A paced server kept up when it answered (nearly) the rate offered and had no backlog left when
// the window closed; otherwise the votes queued, and the latencies measure the queue.
const serverKeptUp = (r) => r.votesPerSecond >= r.rate * 0.98 && r.drainSeconds < 1;

/** APP ÷ BASELINE for one mode, from two runs in the same benchmark. */
function ratioFor(app, baseline) {
  if (!app || !baseline) return null;
  const div = (a, b, digits) => (a != null && b ? round(a / b, digits) : null);
  return {
    throughput: div(app.votesPerSecond, baseline.votesPerSecond, 3),
    p50: div(app.latencyMs.p50, baseline.latencyMs.p50, 2),
    p99: div(app.latencyMs.p99, baseline.latencyMs.p99, 2),
    cpuPerVote: div(app.serverCpuMsPerVote, baseline.serverCpuMsPerVote, 2),
  };
}

/**
 * The goal, for the app. Throughput is judged by the closed loop (the most votes the connections
 * get answered); p99 by the paced run at the goal's rate (how long votes take when they arrive at
 * that rate). A closed loop cannot judge the p99: with 200 votes always in flight, mean latency is
 * 200 ÷ throughput (Little's law), so p99 < 25 ms would take more than 8,000 votes/s.
 */
function goalsFor(closed, paced) {
  const appRuns = [closed, paced].filter(Boolean);
  const notJudged = (why) => ({ met: null, value: null, why });
  const votesPerSecond = closed
    ? { met: closed.votesPerSecond >= goal.votesPerSecond, value: closed.votesPerSecond, goal: `>= ${goal.votesPerSecond}`, by: "closed-loop capacity" }
    : notJudged("no closed-loop run (--rate runs the paced mode only)");
  let p99;
  if (!paced) p99 = notJudged("no paced run (--closed); a closed loop's p99 is tied to its throughput");
  else if (paced.rate < goal.votesPerSecond) p99 = notJudged(`paced at ${thousands(paced.rate)} votes/s, below the goal's ${thousands(goal.votesPerSecond)}`);
  else {
    p99 = {
      met: paced.latencyMs.p99 != null && paced.latencyMs.p99 < goal.p99Ms,
      value: paced.latencyMs.p99,
      goal: `< ${goal.p99Ms} ms`,
      by: `paced run, ${thousands(paced.rate)} votes/s offered over ${options.connections} connections`,
      generatorKeptUp: paced.generator.keptUp,
      serverKeptUp: serverKeptUp(paced),
      answeredPerSecond: paced.votesPerSecond,
    };
  }
  return {
    votesPerSecond,
    p99,
    errors: { met: appRuns.every((r) => r.errors === 0 && r.requestErrorCount === 0), value: appRuns.reduce((n, r) => n + r.errors, 0), goal: "0" },
    dbEqualsAcknowledged: { met: appRuns.every((r) => r.db.equal), value: appRuns.reduce((n, r) => n + r.db.ballotsMinusAcknowledged, 0), goal: "0 difference" },
    connections: { met: options.connections >= goal.connections, value: options.connections, goal: `${goal.connections}` },
  };
}

function printReport(results, ratios, goals) {
  const pad = (s, w) => String(s).padStart(w);
  const sign = (n) => `${n >= 0 ? "+" : ""}${n}`;
  const dbText = (r) => (r.db.equal ? "= acknowledged" : `${sign(r.db.ballotsMinusAcknowledged)} ballots`);
  const head = [
    "target".padEnd(9),
    "mode".padEnd(13),
    pad("votes/s", 8),
    pad("acked", 7),
    pad("errors", 6),
    pad("p50 ms", 7),
    pad("p90 ms", 7),
    pad("p99 ms", 7),
    pad("max ms", 7),
    " db count".padEnd(16),
    pad("loop p99", 9),
    pad("cpu", 5),
    pad("cpu/vote", 9),
  ].join(" ");
  const line = "=".repeat(head.length);
  const modes = [...new Set(results.map((r) => r.mode))];
  console.log(`\n${line}`);
  console.log(`Poll votes: POST /p/<id> over ${options.connections} connections, ${options.seconds} s measured after ${options.warmup} s warm-up; every vote a new voter and address`);
  if (modes.includes("closed")) console.log("  closed: each connection sends its next vote as soon as the previous one is answered (autocannon, pipelining 1): capacity");
  if (modes.includes("paced")) console.log(`  paced:  ${thousands(options.rate)} votes/s offered, evenly spaced, whatever the server does; latency from each vote's due time: latency at that load`);
  console.log(line);
  console.log(head);
  for (const r of results) {
    console.log(
      [
        r.target.padEnd(9),
        modeLabel(r).padEnd(13),
        pad(fmt(r.votesPerSecond, 0), 8),
        pad(r.acknowledged, 7),
        pad(r.errors, 6),
        pad(fmt(r.latencyMs.p50), 7),
        pad(fmt(r.latencyMs.p90), 7),
        pad(fmt(r.latencyMs.p99), 7),
        pad(fmt(r.latencyMs.max), 7),
        ` ${dbText(r)}`.padEnd(16),
        pad(`${fmt(r.serverLoop?.p99)} ms`, 9),
        pad(`${fmt(r.serverLoop?.cpuPercent, 0)}%`, 5),
        pad(`${fmt(r.serverCpuMsPerVote, 2)} ms`, 9),
      ].join(" "),
    );
  }
  if (ratios.closed) {
    const q = ratios.closed;
    console.log(`APP/BASELINE  closed:       throughput ${fmt(q.throughput, 2)}×   p99 ${fmt(q.p99, 2)}×   cpu per vote ${fmt(q.cpuPerVote, 1)}×`);
  }
  if (ratios.paced) {
    const q = ratios.paced;
    console.log(`APP/BASELINE  ${`paced ${options.rate}/s:`.padEnd(13)} votes/s ${fmt(q.throughput, 2)}×   p50 ${fmt(q.p50, 2)}×   p99 ${fmt(q.p99, 2)}×   cpu per vote ${fmt(q.cpuPerVote, 1)}×`);
  }
  for (const r of results) {
    const who = `  ${r.target.padEnd(8)} ${r.mode.padEnd(6)}`;
    const statusText = Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ") || "none";
    const errText = Object.keys(r.requestErrors).length ? ` · request errors ${JSON.stringify(r.requestErrors)}` : "";
    const w = r.warmup;
    const connectText =
      `connect ${fmt(r.connect.seconds, 1)} s: ${r.connect.connectionsInPlay}/${options.connections} connections open` +
      (r.connect.errors ? ` (errors ${r.connect.errors} ${JSON.stringify(r.connect.statuses)})` : "");
    const warmupRate = w.seconds > 0 ? ` (${thousands(Math.round(w.acknowledged / w.seconds))}/s)` : "";
    const tail = ` · warm-up ${fmt(w.seconds, 1)} s: ${w.acknowledged} votes${warmupRate}, errors ${w.errors} · db +${r.db.ballotsAdded} ballots/${r.db.acknowledged} acknowledged in all, +${r.db.answersAdded} answers`;
    if (r.mode === "paced") {
      const g = r.generator;
      const c = r.connections;
      console.log(
        `${who} offered ${thousands(r.rate)}/s, sent ${fmt(r.sentPerSecond, 0)}/s, answered ${fmt(r.votesPerSecond, 0)}/s: ` +
          (serverKeptUp(r) ? "the server kept up" : `the server DID NOT KEEP UP, votes queued (${fmt(r.drainSeconds, 1)} s of backlog when the window closed)`) +
          ` · statuses {${statusText}}${errText} · ` +
          `sent ${r.sent}/${r.scheduled}, answered ${r.answered}, unanswered ${r.unanswered}` +
          (r.notSent ? `, NOT SENT ${r.notSent} (the drain limit passed first)` : "") +
          ` (${fmt(r.seconds, 2)} s + drain ${fmt(r.drainSeconds, 2)} s)`,
      );
      console.log(
        `${who} from send to answer p50/p99 ${fmt(r.serviceMs.p50, 2)}/${fmt(r.serviceMs.p99, 2)} ms · ` +
          `waited for a free connection: ${r.connectionWait.votes} votes (p99 ${fmt(r.connectionWait.ms.p99, 2)} ms, max ${fmt(r.connectionWait.ms.max, 1)} ms) · ` +
          `${connectText}, ${c.inPlay} carried votes in the window, ${c.opened} opened in all, ${c.closedDuringRun} closed during the run${tail}`,
      );
      console.log(
        `${who} generator: lag p50/p99/max ${fmt(g.lagMs.p50, 2)}/${fmt(g.lagMs.p99, 2)}/${fmt(g.lagMs.max, 1)} ms, ${g.lateOver5Ms} votes > 5 ms late · ` +
          (g.keptUp ? "kept up" : `FELL BEHIND its schedule (${g.keptUpRule} not met): the latencies include the benchmark's own delay`) +
          ` · its loop p99/max ${fmt(g.eventLoopMs?.p99)}/${fmt(g.eventLoopMs?.max)} ms (1 ms sampling)`,
      );
    } else {
      console.log(
        `${who} statuses {${statusText}}${errText} · sent ${r.sent}, answered ${r.answered}, unanswered ${r.unanswered} ` +
          `(${fmt(r.seconds, 2)} s + drain ${fmt(r.drainSeconds, 2)} s) · ${connectText}, in play before the first vote${tail}`,
      );
    }
    console.log(
      `${who} one vote alone ${fmt(r.alone.httpMs.p50, 2)} ms http, ${fmt(r.alone.serverCpuMsPerVote, 2)} ms server cpu ` +
        `(warm; the first on a cold server ${fmt(r.firstVoteMs, 0)} ms) · loop p50/max ${fmt(r.serverLoop?.p50)}/${fmt(r.serverLoop?.max)} ms · ` +
        `rss ${r.serverLoop?.rssMb ?? "–"} MB · bench cpu ${fmt(r.benchProcess.cpuPercent, 0)}%` +
        (r.machine ? ` · machine ${fmt(r.machine.busyCores, 2)}/${r.machine.cores} cores busy, ${fmt(r.machine.otherProcessesCores, 2)} by others` : ""),
    );
  }
  if (goals) {
    const g = goals;
    const mark = (x) => (x.met == null ? "NOT JUDGED" : x.met ? "met" : "MISSED");
    const verdicts = Object.values(g).map((x) => x.met);
    const overall = verdicts.includes(false) ? "MISSED" : verdicts.includes(null) ? "NOT JUDGED IN FULL" : "MET";
    const vps = g.votesPerSecond.met == null ? `votes/s NOT JUDGED (${g.votesPerSecond.why})` : `votes/s ${mark(g.votesPerSecond)} (${thousands(g.votesPerSecond.value)}, ${g.votesPerSecond.by})`;
    const p99 =
      g.p99.met == null
        ? `p99 NOT JUDGED (${g.p99.why})`
        : `p99 ${mark(g.p99)} (${fmt(g.p99.value)} ms, ${g.p99.by}` +
          (g.p99.serverKeptUp ? "" : `; the app answered only ${thousands(g.p99.answeredPerSecond)}/s, so votes queued`) +
          (g.p99.generatorKeptUp ? "" : "; the generator fell behind, see above") +
          ")";
    console.log(
      `  goal (APP: ≥${thousands(goal.votesPerSecond)} votes/s, p99 <${goal.p99Ms} ms at ${goal.connections} connections, 0 errors, db = acknowledged): ${overall}`,
    );
    console.log(
      `    ${vps} · ${p99} · errors ${mark(g.errors)} (${g.errors.value}) · db ${mark(g.dbEqualsAcknowledged)}` +
        (g.connections.met ? "" : ` · run at ${options.connections} connections, not ${goal.connections}`),
    );
    console.log(
      `    Votes/s is judged by the closed loop, p99 by the paced run: in a closed loop mean latency = connections ÷ throughput, so p99 <${goal.p99Ms} ms ` +
        `at ${goal.connections} connections would take >${thousands((goal.connections * 1000) / goal.p99Ms)} votes/s; the goal's p99 is of votes arriving at ${thousands(goal.votesPerSecond)} a second.`,
    );
  }
  console.log(line);
  console.log("votes/s: 302 answers received in the window ÷ its length; errors: of the votes sent (or due) in the window, anything but 302, plus votes never answered.");
  console.log("latency: closed, from sending a vote to its answer; paced, from the moment the vote was due, so waiting for a free connection counts.");
  console.log("loop p99: the server's event-loop delay (10 ms sampling, so an idle loop reads ~10 ms); cpu: share of one core; cpu/vote: server cpu ÷ votes.");
}

// ---------------------------------------------------------------------------------------------
// Main

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
ensureBuild();
console.log(
  `Poll-vote benchmark: ${options.modes.map((m) => (m === "paced" ? `paced at ${thousands(options.rate)} votes/s` : "closed loop")).join(" and ")}, ` +
    `${options.connections} connections, ${options.seconds} s (warm-up ${options.warmup} s); ` +
    `${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}.`,
);
const startedAt = new Date();
const loadBefore = os.loadavg();
const results = [];
const byMode = {};
// Mode by mode, app then baseline, each on a fresh server: the two sides of a ratio run close
// together in time, and a paced run finds the same state whether or not a closed one came first.
for (const mode of options.modes) {
  byMode[mode] = {};
  for (const kind of ["app", "baseline"]) {
    if (options.only && options.only !== kind) continue;
    if (results.length) await sleep(1000); // let the closed sockets of the previous run drain
    const result = await runPhase(kind, mode);
    byMode[mode][kind] = result;
    results.push(result);
  }
}
const ratios = {
  closed: ratioFor(byMode.closed?.app, byMode.closed?.baseline),
  paced: ratioFor(byMode.paced?.app, byMode.paced?.baseline),
};
const goals = options.only === "baseline" ? null : goalsFor(byMode.closed?.app, byMode.paced?.app);
printReport(results, ratios, goals);
for (const r of results) if (r.profile) printProfileSummary(r.profile);

const resultsDir = path.join(root, "bench", "results");
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `polls-${stamp}.json`);
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      benchmark: "polls",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      options: { ...options, pipelining: 1, requestTimeoutS, drainLimitS },
      goal,
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadBefore, loadAfter: os.loadavg() },
      results,
      ratios,
      goals,
    },
    null,
    2,
  ) + "\n",
);
console.log(`Figures written to ${path.relative(root, file)} (${Math.round((Date.now() - startedAt.getTime()) / 1000)} s in all)`);
process.exit(0);
