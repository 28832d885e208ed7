#!/usr/bin/env node
/**
 * Scale benchmark: poll votes a second and comment-delivery latency with one process and with two
 * (joined through Redis), on SQLite and on PostgreSQL, side by side. See bench/README.md.
 *
 * For each configuration: fresh database, the real server(s) (bench/app-server.mjs), then
 * 1. broadcast: socket.io clients spread over the processes on one consultation, comments posted
 *    at a fixed rate through the processes in turn, delivery latency measured at the clients;
 * 2. votes: a closed loop (autocannon) over the processes' ports, connections alternating between
 *    them as a round-robin balancer would.
 *
 *   npm run bench:scale -- [--seconds 15] [--only sqlite|postgres] [--clients 500] [--rate 5]
 *                          [--connections 100] [--warmup 3]
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import pg from "pg";
import { io } from "socket.io-client";
import { cleanupAndExit, cleanupOnExit, children, ensureBuild, freePort, loopStats, machineCpu, percentile, request, root, round, sleep, stopChild, tempDirs } from "./lib.mjs";

const localPostgresUrl = "postgresql://raadslag:raadslag@127.0.0.1:5432/raadslag";
const joinCode = "UNGE26";
const consultationSlug = "cykelsti-strandvejen";

// ---------------------------------------------------------------------------------------------
// Arguments

const usage = "usage: npm run bench:scale -- [--seconds 15] [--only sqlite|postgres] [--clients 500] [--rate 5] [--connections 100] [--warmup 3]";

function parseArgs(argv) {
  const options = { seconds: 15, only: null, clients: 500, rate: 5, connections: 100, warmup: 3 };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = argv[i].split("=", 2);
    const next = () => value ?? argv[++i];
    if (key === "--seconds") options.seconds = Number(next());
    else if (key === "--only") options.only = next();
    else if (key === "--clients") options.clients = Number(next());
    else if (key === "--rate") options.rate = Number(next());
    else if (key === "--connections") options.connections = Number(next());
    else if (key === "--warmup") options.warmup = Number(next());
    else if (key === "--help" || key === "-h") {
      console.log(usage);
      process.exit(0);
    } else {
      console.error(`Unknown argument ${argv[i]}; try --help.`);
      process.exit(2);
    }
  }
  const bad = (what) => {
    console.error(`Invalid ${what}.\n${usage}`);
    process.exit(2);
  };
  if (!(options.seconds >= 1 && options.seconds <= 300)) bad("--seconds (1–300)");
  if (options.only && !["sqlite", "postgres"].includes(options.only)) bad("--only (sqlite or postgres)");
  if (!(Number.isInteger(options.clients) && options.clients >= 2 && options.clients <= 5000)) bad("--clients (2–5000)");
  if (!(options.rate > 0 && options.rate <= 50)) bad("--rate (comments a second, up to 50)");
  if (!(Number.isInteger(options.connections) && options.connections >= 2 && options.connections <= 1000)) bad("--connections (2–1000)");
  if (!(options.warmup >= 0 && options.warmup <= 60)) bad("--warmup (0–60 s)");
  return options;
}

const options = parseArgs(process.argv.slice(2));
cleanupOnExit();
const configsPlanned = options.only ? 2 : 4;
const runLimitMs = configsPlanned * (3 * options.seconds + options.warmup + 180) * 1000;
setTimeout(() => void cleanupAndExit(1, `Time limit of ${Math.round(runLimitMs / 1000)} s reached; aborting.`), runLimitMs).unref();

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a throwaway database per configuration, dropped afterwards.

const postgresUrl = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || localPostgresUrl;
const postgresDatabases = new Set();

async function onPostgres(fn) {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresReachable() {
  try {
    await onPostgres((c) => c.query("SELECT 1"));
    return null;
  } catch (error) {
    return error.message;
  }
}

async function createPostgresDatabase() {
  const name = `raadslag_bench_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await onPostgres((c) => c.query(`CREATE DATABASE "${name}"`));
  postgresDatabases.add(name);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropPostgresDatabase(name) {
  await onPostgres((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch((error) => console.warn(`  could not drop ${name}: ${error.message}`));
  postgresDatabases.delete(name);
}

// Dropped on the way out as well, however the run ends (children are gone by then).
async function dropLeftoverDatabases() {
  for (const name of [...postgresDatabases]) await dropPostgresDatabase(name);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.prependListener(signal, () => void dropLeftoverDatabases());

// ---------------------------------------------------------------------------------------------
// Redis: a private redis-server for the two-process configurations.

const redisInstalled = spawnSync("redis-server", ["--version"]).status === 0;

async function startRedis() {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  children.add(child);
  child.once("exit", () => children.delete(child));
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const socket = new net.Socket();
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
    });
    if (up) return { child, url: `redis://127.0.0.1:${port}` };
    await sleep(50);
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

// ---------------------------------------------------------------------------------------------
// Servers

async function startProcess({ label, databaseUrl, dataDir, sessionSecret, redisUrl }) {
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SESSION_SECRET: sessionSecret, MAIL_POLL_SECONDS: "3600" };
  delete env.PUBLIC_URL;
  delete env.REDIS_URL;
  if (redisUrl) env.REDIS_URL = redisUrl;
  const child = spawn(process.execPath, ["bench/app-server.mjs"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  children.add(child);
  const log = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (text) => {
      log.push(...text.split("\n").filter(Boolean));
      if (log.length > 200) log.splice(0, log.length - 200);
    });
  }
  let alive = true;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  exited.then(() => {
    alive = false;
    children.delete(child);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (!alive) throw new Error(`${label} exited during start-up:\n${log.slice(-30).join("\n")}`);
    if ((await request(`${baseUrl}/healthz`, { timeoutMs: 2000 })).status === 200) break;
    if (performance.now() > deadline) throw new Error(`${label} not healthy within 120 s:\n${log.slice(-30).join("\n")}`);
    await sleep(250);
  }
  return { label, child, port, baseUrl, log, get alive() { return alive; } };
}

async function discover(baseUrl) {
  const join = await request(`${baseUrl}/j/${joinCode}`);
  const pollId = join.status === 302 && /^\/p\/([^/?#]+)/.exec(join.headers.location ?? "")?.[1];
  if (!pollId) throw new Error(`GET /j/${joinCode} answered ${join.status}`);
  const poll = JSON.parse((await request(`${baseUrl}/api/v1/polls/${pollId}`)).text);
  const list = JSON.parse((await request(`${baseUrl}/api/v1/consultations`)).text);
  const consultation = (Array.isArray(list) ? list : list.consultations).find((c) => c.slug === consultationSlug);
  if (!consultation) throw new Error(`The seeded consultation "${consultationSlug}" is missing.`);
  return {
    poll: { id: poll.id, questions: poll.questions.map((q) => ({ id: q.id, options: q.options.map((o) => o.id) })) },
    consultationId: consultation.id,
    commentPath: `/c/${encodeURIComponent(consultation.slug)}/comments`,
  };
}

// Every request claims an address of its own (the app trusts X-Forwarded-For from loopback), as
// many citizens would: the per-address limits are not what is measured. 10.x exists only in the
// header; no traffic leaves 127.0.0.1.
let addressSeq = 0;
function nextAddress() {
  const n = (addressSeq++ % 0xfffffe) + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

// ---------------------------------------------------------------------------------------------
// Broadcast latency

// Comment bodies carry the post number in consonants only, so the screening for phone and CPR
// numbers and for abusive words never holds one back (as in bench/realtime.mjs).
const tokenAlphabet = "bcdfghjklmnpqrstvwxz";
const tokenWidth = 5;
const bodyPrefix = "Skaleringsmåling ";
const encodeToken = (n) => {
  let s = "";
  for (let i = 0; i < tokenWidth; i++) {
    s = tokenAlphabet[n % tokenAlphabet.length] + s;
    n = Math.floor(n / tokenAlphabet.length);
  }
  return s;
};
const decodeToken = (body) => {
  if (typeof body !== "string" || !body.startsWith(bodyPrefix)) return -1;
  let n = 0;
  for (const ch of body.slice(bodyPrefix.length)) {
    const v = tokenAlphabet.indexOf(ch);
    if (v < 0) return -1;
    n = n * tokenAlphabet.length + v;
  }
  return n;
};

function postComment(proc, commentPath, text, agent) {
  const body = new URLSearchParams({ intent: "comment", clientId: crypto.randomUUID(), body: text, displayName: "Målebot", acceptRules: "on" }).toString();
  return request(`${proc.baseUrl}${commentPath}`, {
    method: "POST",
    agent,
    body,
    timeoutMs: 15_000,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Accept: "application/json", "X-Forwarded-For": nextAddress() },
  });
}

async function broadcast(processes, target) {
  const n = options.clients;
  const posts = Math.max(1, Math.round(options.seconds * options.rate));
  const recv = new Float64Array(posts * n).fill(NaN);
  const sendTimes = new Float64Array(posts).fill(NaN);
  let recording = false;
  let disconnects = 0;
  const sockets = [];
  const failures = {};
  const started = performance.now();
  // Clients alternate between the processes, as a balancer spreads them.
  for (let offset = 0; offset < n; offset += 100) {
    const batch = [];
    for (let i = offset; i < Math.min(n, offset + 100); i++) {
      const proc = processes[i % processes.length];
      batch.push(
        new Promise((resolve) => {
          const socket = io(proc.baseUrl, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 20_000 });
          sockets.push(socket);
          const timer = setTimeout(() => resolve(false), 30_000);
          socket.on("connect_error", () => (clearTimeout(timer), resolve(false)));
          socket.on("connect", () => {
            socket.timeout(20_000).emit("consultation:join", { consultationId: target.consultationId, afterSeq: 0 }, (error) => {
              clearTimeout(timer);
              resolve(!error);
            });
          });
          socket.on("disconnect", (reason) => {
            if (recording && reason !== "io client disconnect") disconnects++;
          });
          socket.on("consultation:event", (event) => {
            const now = performance.now();
            if (!recording || event?.type !== "comment.upsert") return;
            const post = decodeToken(event.comment?.body);
            if (post < 0 || post >= posts) return;
            const slot = post * n + i;
            if (recv[slot] !== recv[slot]) recv[slot] = now;
          });
        }).then((ok) => {
          if (!ok) failures.connect = (failures.connect ?? 0) + 1;
        }),
      );
    }
    await Promise.all(batch);
  }
  const connectSeconds = (performance.now() - started) / 1000;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // A few posts first, nobody counting, to wake each process's comment path up.
  for (let i = 0; i < 4 * processes.length; i++) await postComment(processes[i % processes.length], target.commentPath, `Opvarmning ${encodeToken(i)}`, agent);
  for (const p of processes) await loopStats(p.child);
  const cpuBefore = machineCpu();
  recording = true;
  const statuses = {};
  const pending = [];
  const interval = 1000 / options.rate;
  const t0 = performance.now() + 20;
  for (let i = 0; i < posts; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    sendTimes[i] = performance.now();
    // Posted through the processes in turn, so most deliveries cross from one process to the other.
    pending.push(
      postComment(processes[i % processes.length], target.commentPath, bodyPrefix + encodeToken(i), agent).then((res) => {
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(pending);
  // Stragglers: up to 5 s after the last answer.
  const deadline = performance.now() + 5000;
  const expected = posts * n;
  const countReceived = () => recv.reduce((a, v) => (v === v ? a + 1 : a), 0);
  while (performance.now() < deadline && countReceived() < expected) await sleep(100);
  recording = false;
  const stats = await Promise.all(processes.map((p) => loopStats(p.child)));
  const cpuAfter = machineCpu();
  for (const socket of sockets) socket.close();
  agent.destroy();

  const latencies = [];
  for (let post = 0; post < posts; post++) {
    for (let c = 0; c < n; c++) {
      const at = recv[post * n + c];
      if (at === at) latencies.push(at - sendTimes[post]);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    clients: n,
    connected: n - (failures.connect ?? 0),
    connectSeconds: round(connectSeconds, 1),
    posts,
    commentsPerSecond: options.rate,
    statuses,
    expected,
    received: latencies.length,
    missing: expected - latencies.length,
    disconnects,
    latencyMs: { p50: round(percentile(latencies, 50), 1), p99: round(percentile(latencies, 99), 1), max: round(percentile(latencies, 100), 1) },
    servers: stats.map((s) => (s ? { cpuPercent: s.cpuPercent, loopP99Ms: s.p99 } : null)),
    machineBusyCores: cpuBefore && cpuAfter ? round(((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total)) * os.cpus().length, 2) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Votes: closed loop over the processes' ports

function voteBodies(poll) {
  let combos = [[]];
  for (const q of poll.questions) combos = combos.flatMap((c) => q.options.map((o) => [...c, [`q_${q.id}`, o]]));
  return combos.flatMap((c) => ["snapchat", "instagram", "qr"].map((via) => Buffer.from(new URLSearchParams([...c, ["via", via]]).toString())));
}

/** One autocannon run; `measure` collects the servers' CPU and loop for its duration. */
async function closedLoop(processes, poll, seconds) {
  const bodies = voteBodies(poll);
  let n = 0;
  const statuses = {};
  const instance = autocannon({
    // Several URLs: autocannon hands connection i to url i mod n, as a round-robin balancer would.
    url: processes.map((p) => p.baseUrl),
    connections: options.connections,
    pipelining: 1,
    timeout: 10,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: `/p/${encodeURIComponent(poll.id)}`,
        // No cookie: every vote is a new device, so the one-vote rule and the per-voter limit
        // never apply; every vote a new address, so the per-address limit does not either.
        setupRequest: (req) => ({ ...req, headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": nextAddress() }, body: bodies[n++ % bodies.length] }),
      },
    ],
  });
  instance.on("response", (_client, status) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  return { statuses, result };
}

async function votes(processes, target) {
  // Wake-up: votes one at a time through each process (lazy imports, first queries).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bodies = voteBodies(target.poll);
  for (let i = 0; i < 60; i++) {
    const p = processes[i % processes.length];
    const body = bodies[i % bodies.length];
    await request(`${p.baseUrl}/p/${target.poll.id}`, { method: "POST", agent, body, headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": body.length, "X-Forwarded-For": nextAddress() } });
  }
  agent.destroy();
  if (options.warmup > 0) await closedLoop(processes, target.poll, options.warmup);
  for (const p of processes) await loopStats(p.child);
  const cpuBefore = machineCpu();
  const benchBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const { statuses, result } = await closedLoop(processes, target.poll, options.seconds);
  const benchCpu = process.cpuUsage(benchBefore);
  const wallMs = performance.now() - wallBefore;
  const stats = await Promise.all(processes.map((p) => loopStats(p.child)));
  const cpuAfter = machineCpu();
  // Where the machine's busy cores went: the app processes, this benchmark (autocannon), and the
  // rest (PostgreSQL, Redis, and anything else running on the machine).
  const machineBusyCores = cpuBefore && cpuAfter ? ((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total)) * os.cpus().length : null;
  const appCores = stats.reduce((a, s) => a + (s?.cpuPercent ?? 0) / 100, 0);
  const benchCores = (benchCpu.user + benchCpu.system) / 1000 / wallMs;
  const ok = statuses[302] ?? 0;
  const duration = result.duration || options.seconds;
  const serverCpuMs = stats.reduce((a, s) => a + (s?.cpuMs ?? 0), 0);
  return {
    connections: options.connections,
    seconds: round(duration, 2),
    votesPerSecond: round(ok / duration, 0),
    acknowledged: ok,
    errors: Object.entries(statuses).reduce((a, [s, c]) => (s === "302" ? a : a + c), 0) + result.errors + result.timeouts,
    statuses,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    servers: stats.map((s) => (s ? { cpuPercent: s.cpuPercent, loopP99Ms: s.p99 } : null)),
    serverCpuMsPerVote: ok ? round(serverCpuMs / ok, 3) : null,
    cores: { busy: round(machineBusyCores, 2), app: round(appCores, 2), bench: round(benchCores, 2), other: machineBusyCores == null ? null : round(Math.max(0, machineBusyCores - appCores - benchCores), 2) },
  };
}

// ---------------------------------------------------------------------------------------------
// One configuration

async function runConfig(database, processCount) {
  const label = `${database === "sqlite" ? "SQLite" : "PostgreSQL"} × ${processCount}`;
  console.log(`\n[${label}] starting…`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-bench-scale-"));
  tempDirs.add(dataDir);
  const pgDatabase = database === "postgres" ? await createPostgresDatabase() : null;
  const databaseUrl = pgDatabase ? pgDatabase.url : `file:${path.join(dataDir, "bench.db")}`;
  const sessionSecret = crypto.randomBytes(32).toString("hex");
  // One process runs as production's default does, without Redis; two need it to share live
  // updates and limits.
  const redis = processCount > 1 ? await startRedis() : null;
  const processes = [];
  try {
    const startedAt = performance.now();
    for (let i = 0; i < processCount; i++) {
      // One after the other: the first migrates and seeds, the next finds the database ready.
      processes.push(await startProcess({ label: `${label} process ${"AB"[i]}`, databaseUrl, dataDir, sessionSecret, redisUrl: redis?.url }));
    }
    const startSeconds = round((performance.now() - startedAt) / 1000, 1);
    const target = await discover(processes[0].baseUrl);
    console.log(`[${label}] ${options.clients} clients, ${options.rate} comments/s for ${options.seconds} s…`);
    const realtime = await broadcast(processes, target);
    console.log(`[${label}] delivery p50 ${realtime.latencyMs.p50} ms, p99 ${realtime.latencyMs.p99} ms, missing ${realtime.missing}`);
    console.log(`[${label}] votes, closed loop over ${options.connections} connections, ${options.warmup} s warm-up + ${options.seconds} s…`);
    const vote = await votes(processes, target);
    console.log(`[${label}] ${vote.votesPerSecond} votes/s, ${vote.errors} errors`);
    return { database, processes: processCount, redis: Boolean(redis), startSeconds, votes: vote, broadcast: realtime };
  } finally {
    for (const p of processes) {
      await stopChild(p.child);
      children.delete(p.child);
    }
    if (redis) {
      await stopChild(redis.child, 1000);
      children.delete(redis.child);
    }
    if (pgDatabase) await dropPostgresDatabase(pgDatabase.name);
    fs.rmSync(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const pad = (s, w) => String(s ?? "–").padStart(w);
const ratio = (a, b) => (a != null && b ? `${(a / b).toFixed(2)}×` : "–");

function printReport(results) {
  console.log("\nvotes/s: closed loop, connections alternating over the processes; broadcast: comments posted in turn through the processes, latency at the clients");
  const header = `${"database".padEnd(11)}${"procs".padStart(6)}${"redis".padStart(6)}${"votes/s".padStart(9)}${"errors".padStart(8)}${"cpu/vote".padStart(10)}${"bc p50".padStart(8)}${"bc p99".padStart(8)}${"missing".padStart(9)}${"app cores".padStart(12)}${"bench".padStart(7)}${"other".padStart(7)}${"busy".padStart(6)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const r of results) {
    const cpu = r.votes.servers.map((s) => (s ? (s.cpuPercent / 100).toFixed(2) : "?")).join("+");
    console.log(
      `${(r.database === "sqlite" ? "SQLite" : "PostgreSQL").padEnd(11)}${pad(r.processes, 6)}${pad(r.redis ? "yes" : "no", 6)}${pad(r.votes.votesPerSecond, 9)}${pad(r.votes.errors, 8)}${pad(r.votes.serverCpuMsPerVote + " ms", 10)}` +
        `${pad(r.broadcast.latencyMs.p50, 8)}${pad(r.broadcast.latencyMs.p99, 8)}${pad(r.broadcast.missing, 9)}${pad(cpu, 12)}${pad(r.votes.cores.bench, 7)}${pad(r.votes.cores.other, 7)}${pad(r.votes.cores.busy, 6)}`,
    );
  }
  const find = (db, n) => results.find((r) => r.database === db && r.processes === n);
  const ratios = [];
  console.log("\nratios (votes/s · broadcast p99):");
  for (const db of ["sqlite", "postgres"]) {
    const one = find(db, 1);
    const two = find(db, 2);
    if (one && two) {
      const line = { what: `${db} 2 procs / 1 proc`, votes: ratio(two.votes.votesPerSecond, one.votes.votesPerSecond), p99: ratio(two.broadcast.latencyMs.p99, one.broadcast.latencyMs.p99) };
      ratios.push(line);
    }
  }
  for (const n of [1, 2]) {
    const s = find("sqlite", n);
    const p = find("postgres", n);
    if (s && p) ratios.push({ what: `PostgreSQL / SQLite, ${n} proc${n > 1 ? "s" : ""}`, votes: ratio(p.votes.votesPerSecond, s.votes.votesPerSecond), p99: ratio(p.broadcast.latencyMs.p99, s.broadcast.latencyMs.p99) });
  }
  for (const r of ratios) console.log(`  ${r.what.padEnd(28)} votes/s ${r.votes.padStart(6)}   broadcast p99 ${r.p99.padStart(6)}`);
  console.log(
    `\n${os.cpus().length} cores shared by the server processes, Redis, PostgreSQL and this benchmark (load generator and ${options.clients} socket clients):` +
      " a second process only adds capacity where a core is idle. Cores during the vote window: app (per process), bench (autocannon), other (PostgreSQL, Redis, anything else), busy (the machine).",
  );
  return ratios;
}

// ---------------------------------------------------------------------------------------------
// Main

ensureBuild();
const configs = [];
if (options.only !== "postgres") configs.push(["sqlite", 1], ["sqlite", 2]);
let postgresSkipped = null;
if (options.only !== "sqlite") {
  const problem = await postgresReachable();
  if (problem) postgresSkipped = `PostgreSQL rows skipped: ${postgresUrl.replace(/\/\/[^@]*@/, "//…@")} is not reachable (${problem}). Set BENCH_POSTGRES_URL to a role with CREATEDB.`;
  else configs.push(["postgres", 1], ["postgres", 2]);
}
if (configs.some(([, n]) => n > 1) && !redisInstalled) {
  console.error("redis-server is not installed (apt-get install redis-server): the two-process rows need one.");
  process.exit(1);
}
if (postgresSkipped) console.warn(postgresSkipped);
if (configs.length === 0) {
  console.log("Nothing to run.");
  process.exit(0);
}
console.log(
  `bench:scale · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}) · load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}` +
    `\n${configs.length} configurations; each: ${options.clients} clients at ${options.rate} comments/s for ${options.seconds} s, then ${options.warmup} s + ${options.seconds} s of votes over ${options.connections} connections`,
);

const results = [];
for (const [database, n] of configs) results.push(await runConfig(database, n));
const ratios = printReport(results);
if (postgresSkipped) console.log(postgresSkipped);

const outDir = path.join(root, "bench", "results");
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `scale-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(
  file,
  JSON.stringify({ date: new Date().toISOString(), machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version }, options, postgresSkipped, results, ratios }, null, 2),
);
console.log(`\nWritten to ${path.relative(root, file)}`);
await cleanupAndExit(0);
