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
import { baseHeaders, limitRequestBodies, nonPagePolicy, originGuard, securityHeaders, socketOriginCheck } from "./security.mjs";

const require = createRequire(import.meta.url);
const buildPath = path.resolve("build/index.js");
const build = await import(pathToFileURL(buildPath).href).catch((error) => {
  console.error(`No server build at ${path.relative(process.cwd(), buildPath)}: run "npm run build" first.`);
  console.error(error.message);
  process.exit(1);
});
const entry = build.entry.module;

let env;
try {
  env = entry.getEnv();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// Migrations through Prisma's own CLI, so `prisma migrate status` agrees with what the server did.
const migrate = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
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
const server = http.createServer(
  limitRequestBodies(
    plainVotes({
      handlePlainVote: entry.handlePlainVote,
      headers: { ...baseHeaders, "Content-Security-Policy": nonPagePolicy },
      publicUrl: env.PUBLIC_URL,
      next: app,
    }),
  ),
);
const io = new Server(server, {
  serveClient: false,
  // A page of another site may not open a live connection with a visitor's cookies.
  allowRequest: socketOriginCheck({ publicUrl: env.PUBLIC_URL }),
  // Connection-state recovery replays what a briefly disconnected client missed.
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
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

function shutdown(signal) {
  console.log(`${signal}: closing.`);
  stopJobs();
  io.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
