#!/usr/bin/env node
/**
 * Two app processes on one machine, as they would run behind a balancer: one PostgreSQL database,
 * one Redis, one data folder. For trying several processes out, not for production (there,
 * docs/deploy.md: systemd units and nginx).
 *
 *   npm run cluster:local -- [--ports 3001,3002] [--redis-port 6390]
 *
 * DATABASE_URL when set, else the local PostgreSQL `raadslag_cluster` database (created when
 * missing); REDIS_URL when set, else a redis-server of its own on a free (or the given) port;
 * DATA_DIR when set, else ./data/cluster. Ctrl-C stops both processes gracefully (SIGTERM), then
 * Redis.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const localServer = "postgresql://raadslag:raadslag@127.0.0.1:5432/raadslag";
const clusterDatabase = "raadslag_cluster";
const usage = "usage: npm run cluster:local -- [--ports 3001,3002] [--redis-port <port>]";

// ---- Arguments ----

let ports = [3001, 3002];
let redisPort = null;
for (let i = 2; i < process.argv.length; i++) {
  const [key, value] = process.argv[i].split("=", 2);
  const next = () => value ?? process.argv[++i];
  if (key === "--ports") ports = String(next()).split(",").map(Number);
  else if (key === "--redis-port") redisPort = Number(next());
  else if (key === "--help" || key === "-h") {
    console.log(usage);
    process.exit(0);
  } else {
    console.error(`Unknown argument ${process.argv[i]}.\n${usage}`);
    process.exit(2);
  }
}
const validPort = (p) => Number.isInteger(p) && p > 0 && p < 65536;
if (ports.length !== 2 || !ports.every(validPort) || ports[0] === ports[1]) {
  console.error(`--ports needs two different ports, e.g. 3001,3002.\n${usage}`);
  process.exit(2);
}
if (redisPort != null && !validPort(redisPort)) {
  console.error(`--redis-port needs a port number.\n${usage}`);
  process.exit(2);
}

// ---- Helpers ----

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
    socket.on("error", () => resolve(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** The output of a child, each line prefixed with its name, so two servers' logs can be told apart. */
function prefixed(stream, name, out) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (text) => {
    const lines = (rest + text).split("\n");
    rest = lines.pop();
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

// Children run in their own process group (detached), so a Ctrl-C in the terminal reaches only
// this script, which then stops them in order: the apps first (they finish their requests and
// tell their pages to reconnect), Redis last.
const apps = [];
let redisChild = null;
let stopping = false;

function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  prefixed(child.stdout, name, process.stdout);
  prefixed(child.stderr, name, process.stderr);
  child.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return child;
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping: SIGTERM to both processes…");
  for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGTERM");
  await Promise.race([Promise.all(apps.map((a) => a.child.exited)), sleep(30_000)]);
  for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
  if (redisChild && redisChild.exitCode === null) {
    redisChild.kill("SIGTERM");
    await Promise.race([redisChild.exited, sleep(5000)]);
  }
  console.log("Stopped.");
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
// If this script fails, its children go too: they are in their own group and would linger.
process.on("exit", () => {
  for (const child of [...apps.map((a) => a.child), redisChild]) if (child && child.exitCode === null) child.kill("SIGKILL");
});

async function fail(message) {
  console.error(message);
  await stopAll(1);
}

// ---- Build ----

if (!fs.existsSync(path.join(root, "build", "index.js"))) {
  console.log("No production build yet; running `npm run build`…");
  const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) {
    console.error("The build failed.");
    process.exit(1);
  }
}

// ---- The database ----

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const url = new URL(localServer);
  url.pathname = `/${clusterDatabase}`;
  databaseUrl = url.toString();
  const client = new pg.Client({ connectionString: localServer, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [clusterDatabase]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${clusterDatabase}"`);
      console.log(`Created the database ${clusterDatabase}.`);
    }
  } catch (error) {
    console.error(
      `No PostgreSQL at ${localServer.replace(/\/\/[^@]*@/, "//…@")} (${error.message}).\n` +
        "Start one (role raadslag, password raadslag, CREATEDB), or set DATABASE_URL to a PostgreSQL database (or a file: URL for SQLite).",
    );
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
}

// ---- Redis ----

let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    console.error("redis-server is not installed (apt-get install redis-server), and REDIS_URL is not set.");
    process.exit(1);
  }
  const port = redisPort ?? (await freePort());
  if (await portOpen(port)) {
    console.error(`Port ${port} is taken; give --redis-port another one, or set REDIS_URL to a running Redis.`);
    process.exit(1);
  }
  // Nothing saved: Redis holds only what may be lost (docs/decisions/0015-several-processes.md).
  redisChild = start("redis", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], process.env);
  for (let i = 0; !(await portOpen(port)); i++) {
    if (i > 100 || redisChild.exitCode !== null) await fail(`redis-server did not start on port ${port}.`);
    await sleep(50);
  }
  redisUrl = `redis://127.0.0.1:${port}`;
}

// ---- The two processes ----

for (const port of ports) {
  if (await portOpen(port)) {
    console.error(`Port ${port} is taken; choose others with --ports.`);
    await stopAll(1);
  }
}

const dataDir = process.env.DATA_DIR || path.join(root, "data", "cluster");
fs.mkdirSync(dataDir, { recursive: true });
const shown = (url) => url.replace(/\/\/[^@/]*@/, "//…@");
console.log(`Database: ${shown(databaseUrl)}\nRedis:    ${shown(redisUrl)}\nData:     ${path.relative(root, dataDir) || dataDir}`);

for (const [i, port] of ports.entries()) {
  const name = "AB"[i];
  // The first process migrates, seeds and (without SESSION_SECRET) writes the session secret into
  // the shared data folder; the second starts once it is healthy and finds all of that ready.
  const env = { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DATA_DIR: dataDir };
  const child = start(name, process.execPath, ["server/index.mjs"], env);
  apps.push({ name, port, child });
  child.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.log(`[${name}] exited (${signal ?? `code ${code}`}).`);
    if (apps.every((a) => a.child.exitCode !== null || a.child.signalCode !== null)) void stopAll(1);
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) await fail(`Process ${name} exited during start-up; see its log above.`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) await fail(`Process ${name} did not answer /healthz within 2 minutes.`);
    await sleep(250);
  }
}

const [a, b] = apps;
console.log(`
Two processes are running, sharing the database and Redis:
  A  http://localhost:${a.port}   (pid ${a.child.pid})
  B  http://localhost:${b.port}   (pid ${b.child.pid})

Things to try:
  - Open the same consultation on A and on B (e.g. /c/cykelsti-strandvejen) in two windows, and
    comment on one: the other shows it at once.
  - Vote in the youth poll (/j/UNGE26) on A, then on B in the same browser: it counts once.
  - Stop A (kill ${a.child.pid}): B keeps serving; a page open on B loses nothing.
  - Staff: /login, admin@fjordby.dk / ${process.env.SEED_ADMIN_PASSWORD ? "SEED_ADMIN_PASSWORD" : "Raadslag-demo-2026"}.
There is no balancer in front: a page opened on A stays with A. Ctrl-C stops both.
`);
