// One Node process serves everything on one port: static files, the Remix app and socket.io.
// Start-up order matters: configuration is checked first (a clear message and exit on bad values),
// then migrations, then the demo seed and first admin, and only then does the server listen.
import http from "node:http";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import { Server } from "socket.io";
import { plainVotes } from "./plain-votes.mjs";
import { migrationsPending } from "./pending-migrations.mjs";
import { baseHeaders, limitRequestBodies, nonPagePolicy, originGuard, securityHeaders, socketOriginCheck } from "./security.mjs";

const require = createRequire(import.meta.url);
const buildPath = path.resolve("build/index.js");
const rawBuild = await import(pathToFileURL(buildPath).href).catch((error) => {
  console.error(`No server build at ${path.relative(process.cwd(), buildPath)}: run "npm run build" first.`);
  console.error(error.message);
  process.exit(1);
});
const entry = rawBuild.entry.module;
// Every loader and action answers a database locked beyond the busy timeout with a 503 and
// Retry-After rather than a 500 (app/utils/database-busy.server.ts).
const build = entry.answerBusyWith503(rawBuild);

let env;
try {
  env = entry.getEnv();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// Migrations through Prisma's own CLI, so `prisma migrate status` agrees with what the server did.
// Not run when a SQLite file has them all: other processes may have it open (server/pending-migrations.mjs).
const migrate = !migrationsPending(env.DATABASE_URL) ? { status: 0 } : spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
});
if (migrate.status !== 0) {
  console.error("Database migrations failed; the server did not start.");
  process.exit(1);
}
await entry.prepareDatabase();

const app = express();
app.disable("x-powered-by");
// Only a proxy on this machine may tell us the client's protocol and address.
app.set("trust proxy", "loopback");
app.use(compression());
// Headers with a fresh CSP nonce on every response, then cross-site writes refused (server/security.mjs).
app.use(securityHeaders());
app.use(originGuard({ publicUrl: env.PUBLIC_URL }));
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// Plain form votes are answered before Express: see server/plain-votes.mjs.
// Oversized bodies are refused before anything reads them, the plain votes included.
const handler = limitRequestBodies(
  plainVotes({
    handlePlainVote: entry.handlePlainVote,
    headers: { ...baseHeaders, "Content-Security-Policy": nonPagePolicy },
    publicUrl: env.PUBLIC_URL,
    unavailable: (error, req) => (entry.isDatabaseBusy(error) ? entry.plainUnavailable({ url: req.url, cookieHeader: req.headers.cookie }) : null),
    next: app,
  }),
);
// Requests in flight, so a shutdown can wait for them; while shutting down, every answer closes
// its connection, so keep-alive clients go to the next server instead of holding this one open.
let inFlight = 0;
let draining = false;
const server = http.createServer((req, res) => {
  inFlight++;
  res.once("close", () => inFlight--);
  if (draining) res.setHeader("Connection", "close");
  handler(req, res);
});
const io = new Server(server, {
  serveClient: false,
  // A page of another site may not open a live connection with a visitor's cookies.
  allowRequest: socketOriginCheck({ publicUrl: env.PUBLIC_URL }),
  // Connection-state recovery replays what a briefly disconnected client missed.
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
});
// With REDIS_URL, joins the other processes' socket.io servers and shares the rate limits.
const stopScaleOut = await entry.startScaleOut(io).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
entry.attachRealtime(io);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "development" ? "development" : "production",
    getLoadContext: (req, res) => ({ io, clientAddress: req.ip ?? "unknown", cspNonce: res.locals.cspNonce }),
  }),
);

const stopJobs = entry.startBackgroundJobs();
server.listen(env.PORT, () => {
  console.log(`Rådslag is serving on http://localhost:${env.PORT}`);
  if (process.env.NODE_ENV === "development") broadcastDevReady(build);
});

/**
 * Graceful shutdown (SIGTERM from systemd, Docker or a deploy; SIGINT from a terminal), in order:
 * 1. stop accepting connections, close idle keep-alive ones, and tell live pages we are restarting
 *    (they reconnect by themselves to the next server and catch up from their last event);
 * 2. let requests in flight finish;
 * 3. send the mail that is due in one last pass, stop the background jobs;
 * 4. commit the votes still queued, close the database (checkpointing the WAL) and exit 0.
 * Past the deadline the process exits 1 with what is left unfinished: a request cut off there got
 * no answer, so its client knows to try again, and every write that was answered is committed.
 */
const shutdownDeadlineMs = 10_000;
let shuttingDown = false;

async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  draining = true;
  const startedAt = Date.now();
  console.log(`${signal}: no new connections; finishing ${inFlight} request(s) in flight, then closing.`);
  setTimeout(() => {
    console.error(`Shutdown did not finish within ${shutdownDeadlineMs / 1000} s (${inFlight} request(s) still open); exiting.`);
    process.exit(1);
  }, shutdownDeadlineMs).unref();

  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  // Connections that finish a request become idle; close them as they do.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  await entry.announceRestart(io, { retryInMs: 2000 });
  await closed;
  clearInterval(idleSweep);

  // Half of what is left of the deadline for the outbox (a slow relay), the rest for the database.
  const mailUntil = Date.now() + Math.max(500, (startedAt + shutdownDeadlineMs - Date.now()) / 2);
  const mail = await entry.flushAndStopMailWorkers(mailUntil);
  if (mail.sent + mail.retried + mail.failed > 0) console.log(`Outbox before closing: ${mail.sent} sent, ${mail.retried} to retry, ${mail.failed} failed.`);
  stopJobs();
  await stopScaleOut();
  await entry.closeDatabase();
  console.log(`Closed in ${Date.now() - startedAt} ms.`);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM").catch(failedShutdown));
process.on("SIGINT", () => void shutdown("SIGINT").catch(failedShutdown));

function failedShutdown(error) {
  console.error("Shutdown failed", error);
  process.exit(1);
}
