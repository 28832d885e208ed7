/**
 * The baseline for the poll-vote benchmark: plain `http` and better-sqlite3, no Express, Remix,
 * Prisma or cookie signing. It writes what a vote writes in the app (one PollBallot row and one
 * PollAnswer row per question, in one transaction) into a database built by the app's own
 * migrations, with the same pragmas (WAL, synchronous=NORMAL; better-sqlite3 enforces foreign
 * keys by default, as it does under the app's Prisma adapter). The gap between this server and
 * the app is what the framework and data layer add on top of the unavoidable work: HTTP, parsing
 * the form, checking it against the poll, and the SQLite write.
 *
 * It answers the few routes the benchmark uses, shaped like the app's:
 *   GET  /healthz               200
 *   GET  /j/UNGE26              302 to /p/<pollId>?kanal=web
 *   GET  /api/v1/polls/<id>     the poll's questions and option ids
 *   POST /p/<id>                a vote: 302 on success, 400 invalid, 404 unknown poll, 409 repeat
 *
 * Environment: PORT, DATABASE_URL (file:…). Run with the repository root as working directory.
 */
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { startLoopMonitor } from "./loop-monitor.mjs";

startLoopMonitor();

const require = createRequire(import.meta.url);
const port = Number(process.env.PORT);
const databaseUrl = process.env.DATABASE_URL ?? "";
if (!port || !databaseUrl.startsWith("file:")) {
  console.error("PORT and DATABASE_URL (file:…) are required.");
  process.exit(1);
}
const dbFile = path.resolve(databaseUrl.replace(/^file:/, ""));
const joinCode = "UNGE26";
const ageGroups = new Set(["13-17", "18-24", "25-39", "40-64", "65+"]);
const channels = new Set(["snapchat", "instagram", "facebook", "tiktok", "qr", "email", "web", "other"]);
const maxBody = 16 * 1024;
// Used only to give voterHash the same shape and cost as the app's keyed hash.
const secret = crypto.randomBytes(32);

// The real schema, through Prisma's CLI exactly as the app's server does it at start-up.
const migrate = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
});
if (migrate.status !== 0) {
  console.error("Migrations failed; the baseline did not start.");
  process.exit(1);
}

const db = new Database(dbFile, { timeout: 5000 });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");

// Prisma stores DateTime in SQLite as ISO text with an explicit offset; the rows here match.
const now = () => new Date().toISOString().replace("Z", "+00:00");
const newId = () => crypto.randomUUID();

/**
 * Inserts a row, filling every NOT NULL column without a default that `values` leaves out with a
 * neutral placeholder, so a later migration that adds such a column does not break the seed.
 */
function insertRow(table, values) {
  const row = { ...values };
  for (const col of db.prepare(`PRAGMA table_info("${table}")`).all()) {
    if (col.name in row || !col.notnull || col.dflt_value !== null || col.pk) continue;
    const type = String(col.type).toUpperCase();
    row[col.name] = type.includes("DATE") ? now() : type.includes("INT") || type.includes("BOOL") || type.includes("REAL") ? 0 : "";
  }
  const names = Object.keys(row);
  db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(
    ...names.map((n) => row[n]),
  );
}

// One open poll like the demo's: a single choice with four options and a 1–5 scale.
function seed() {
  const existing = db.prepare(`SELECT id FROM "Poll" WHERE "joinCode" = ?`).get(joinCode);
  if (existing) return;
  db.transaction(() => {
    const municipalityId = newId();
    const consultationId = newId();
    const pollId = newId();
    const day = 24 * 3600 * 1000;
    const iso = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
    insertRow("Municipality", { id: municipalityId, slug: "benchby", name: "Benchby Kommune", updatedAt: now() });
    insertRow("Consultation", {
      id: consultationId,
      municipalityId,
      slug: "bench-ungehus",
      joinCode: "BENCH1",
      kind: "participation",
      status: "open",
      title: "Ungehus",
      summary: "Målepoll",
      body: "Målepoll",
      promise: "Ingen",
      decidedBy: "Ingen",
      opensAt: iso(Date.now() - day),
      closesAt: iso(Date.now() + 30 * day),
      expectedDecisionAt: iso(Date.now() + 60 * day),
      publishedAt: now(),
      updatedAt: now(),
    });
    insertRow("Poll", { id: pollId, consultationId, joinCode, status: "open", showResultsBeforeClose: 1, askAgeGroup: 1, openedAt: now(), updatedAt: now() });
    const questions = [
      { type: "single", text: "Hvad skal ungehuset have først?", options: ["Musik", "Lektier", "Gaming", "Værksted"] },
      { type: "scale", text: "Hvad synes du om placeringen?", options: ["1", "2", "3", "4", "5"] },
    ];
    questions.forEach((q, position) => {
      const questionId = newId();
      insertRow("PollQuestion", { id: questionId, pollId, position, type: q.type, text: q.text });
      q.options.forEach((label, i) => insertRow("PollOption", { id: newId(), questionId, position: i, label }));
    });
  })();
}
seed();

// The poll is read once: the baseline measures the write path, and a poll's questions cannot
// change once it has votes.
const poll = db.prepare(`SELECT id, status, "askAgeGroup" FROM "Poll" WHERE "joinCode" = ?`).get(joinCode);
poll.questions = db
  .prepare(`SELECT id, type, text FROM "PollQuestion" WHERE "pollId" = ? ORDER BY position`)
  .all(poll.id)
  .map((q) => ({ ...q, options: db.prepare(`SELECT id, label FROM "PollOption" WHERE "questionId" = ? ORDER BY position`).all(q.id) }));
const optionIds = new Map(poll.questions.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
const votePath = `/p/${poll.id}`;
const pollJson = JSON.stringify({
  id: poll.id,
  status: poll.status,
  questions: poll.questions.map((q) => ({ id: q.id, type: q.type, text: q.text, options: q.options.map((o) => ({ id: o.id, label: o.label })) })),
});

const insertBallot = db.prepare(`INSERT INTO "PollBallot" (id, "pollId", "voterHash", "ageGroup", channel, "createdAt") VALUES (?, ?, ?, ?, ?, ?)`);
const insertAnswer = db.prepare(`INSERT INTO "PollAnswer" (id, "ballotId", "questionId", "optionId") VALUES (?, ?, ?, ?)`);
const castVote = db.transaction((ballot, answers) => {
  insertBallot.run(ballot.id, poll.id, ballot.voterHash, ballot.ageGroup, ballot.channel, ballot.createdAt);
  for (const a of answers) insertAnswer.run(newId(), ballot.id, a.questionId, a.optionId);
});

function send(res, status, headers, body = "") {
  res.writeHead(status, { "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store", ...headers });
  res.end(body);
}

function vote(form, res) {
  const answers = [];
  for (const q of poll.questions) {
    const chosen = [...new Set(form.getAll(`q_${q.id}`))];
    const valid = chosen.length > 0 && chosen.every((id) => optionIds.get(q.id).has(id)) && (q.type === "multiple" || chosen.length === 1);
    if (!valid) return send(res, 400, { "Content-Type": "application/json" }, JSON.stringify({ errors: { [`q_${q.id}`]: "vote.invalid" } }));
    for (const optionId of chosen) answers.push({ questionId: q.id, optionId });
  }
  const age = form.get("ageGroup") || null;
  if (age !== null && (!poll.askAgeGroup || !ageGroups.has(age))) return send(res, 400, { "Content-Type": "application/json" }, '{"errors":{"ageGroup":"vote.invalid"}}');
  const via = (form.get("via") ?? "").trim().toLowerCase();
  const channel = !via ? "web" : channels.has(via) ? via : "other";
  // A new device every time, as in the app when no voter cookie comes with the request.
  const token = crypto.randomBytes(18).toString("base64url");
  const voterHash = crypto.createHmac("sha256", secret).update(`${poll.id}:${token}`).digest("base64url");
  try {
    castVote({ id: newId(), voterHash, ageGroup: age, channel, createdAt: now() }, answers);
  } catch (error) {
    if (error?.code === "SQLITE_CONSTRAINT_UNIQUE") return send(res, 409, { "Content-Type": "application/json" }, '{"errors":{"form":"vote.alreadyVoted"}}');
    throw error;
  }
  send(res, 302, { Location: `${votePath}#results` });
}

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  if (req.method === "GET" && url === "/healthz") return send(res, 200, { "Content-Type": "application/json" }, '{"status":"ok"}');
  if (req.method === "GET" && url.toUpperCase() === `/J/${joinCode}`) return send(res, 302, { Location: `${votePath}?kanal=web` });
  if (req.method === "GET" && url === `/api/v1/polls/${poll.id}`) return send(res, 200, { "Content-Type": "application/json" }, pollJson);
  if (req.method !== "POST" || !url.startsWith("/p/")) return send(res, 404, { "Content-Type": "text/plain" }, "Not found");
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > maxBody) req.destroy();
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (url.split("?")[0] !== votePath) return send(res, 404, { "Content-Type": "application/json" }, '{"errors":{"form":"vote.notFound"}}');
    try {
      vote(new URLSearchParams(Buffer.concat(chunks).toString("utf8")), res);
    } catch (error) {
      console.error("[polls-bare] vote failed", error);
      send(res, 500, { "Content-Type": "text/plain" }, "Internal error");
    }
  });
});

// Loopback only: a benchmark server has no business being reachable from the network.
server.listen(port, "127.0.0.1", () => console.log(`Poll baseline on http://127.0.0.1:${port}`));

function shutdown() {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
