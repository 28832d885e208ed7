/**
 * The real server on PostgreSQL (TEST_POSTGRES_URL; skipped otherwise): a production build
 * started with a postgresql:// DATABASE_URL on an empty database applies the migrations, seeds the
 * demo, and serves the front page and a consultation; a citizen's comment and vote are stored, and
 * the same device's second vote is refused.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createCookie } from "@remix-run/node";
import { announceSkipped, createTestDatabase, testPostgresUrl, type TestDatabase } from "./postgres.ts";

announceSkipped("the server on PostgreSQL (tests/server.pg.test.ts)");

// The production build the server runs (`npm run build`; `npm test` builds before this suite).
// Building here would replace it under anything else using it at the same moment.
const built = fs.existsSync(path.resolve("build/index.js"));
if (testPostgresUrl && !built) console.warn("[postgres] SKIPPED: the server on PostgreSQL needs a production build; run `npm run build` first.");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!testPostgresUrl || !built)("the server on PostgreSQL", () => {
  let database: TestDatabase;
  let dataDir: string;
  const servers: { process: ChildProcess; origin: string; output: () => string }[] = [];
  let origin: string;
  let output = "";
  // Both processes sign cookies with the same secret, as every process of an installation must.
  const sessionSecret = crypto.randomBytes(32).toString("hex");

  /** Starts `node server/index.mjs` as `npm start` does, and resolves once it is serving. */
  async function startServer() {
    const port = await freePort();
    let log = "";
    const child = spawn(process.execPath, ["server/index.mjs"], {
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port), NODE_ENV: "production", SESSION_SECRET: sessionSecret, PUBLIC_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk) => (log += chunk));
    child.stderr!.on("data", (chunk) => (log += chunk));
    servers.push({ process: child, origin: `http://127.0.0.1:${port}`, output: () => log });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${log}`)), 60_000);
      child.stdout!.on("data", () => {
        if (/is serving on/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The server exited with ${code}:\n${log}`));
      });
    });
    return servers.at(-1)!;
  }

  beforeAll(async () => {
    database = await createTestDatabase("server", { migrate: false });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-pg-server-"));
    const first = await startServer();
    origin = first.origin;
    output = first.output();
  }, 120_000);

  afterAll(async () => {
    for (const { process: child } of servers) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  const post = (url: string, form: Record<string, string>, cookie = "", to = origin) =>
    fetch(`${to}${url}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: to, ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(form),
    });

  it("migrates the empty database, seeds the demo and serves the front page", async () => {
    expect(output).toContain("All migrations have been successfully applied.");
    expect(output).toContain("Seeded the demo municipality.");
    const front = await fetch(`${origin}/`);
    expect(front.status, output).toBe(200);
    expect(await front.text()).toContain("Fjordby Kommune");
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: "ok" });
  });

  it("takes a citizen's comment on an open consultation and shows it", async () => {
    const [open] = await query<{ slug: string }>(`SELECT "slug" FROM "Consultation" WHERE "status" = 'open' AND "kind" = 'participation' ORDER BY "slug" LIMIT 1`);
    expect((await fetch(`${origin}/c/${open.slug}`)).status).toBe(200);
    const body = "Der mangler en fodgængerovergang ved skolen om morgenen.";
    const posted = await post(`/c/${open.slug}`, { intent: "comment", body, displayName: "Forælder", acceptRules: "on", clientId: "pg-smoke-comment-1" });
    expect(posted.status, await posted.clone().text()).toBe(302);
    expect(await (await fetch(`${origin}/c/${open.slug}`)).text()).toContain(body);
  });

  it("counts a vote once per device", async () => {
    const [poll] = await query<{ id: string }>(`SELECT "id" FROM "Poll" WHERE "status" = 'open' ORDER BY "createdAt" LIMIT 1`);
    const options = await query<{ questionId: string; optionId: string }>(
      `SELECT DISTINCT ON (q."id") q."id" AS "questionId", o."id" AS "optionId" FROM "PollQuestion" q JOIN "PollOption" o ON o."questionId" = q."id" WHERE q."pollId" = $1 ORDER BY q."id", o."position"`,
      [poll.id],
    );
    const form = Object.fromEntries(options.map((o) => [`q_${o.questionId}`, o.optionId]));
    const count = async () => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "PollBallot" WHERE "pollId" = $1`, [poll.id]))[0].n);
    const before = await count();
    const first = await post(`/p/${poll.id}`, form);
    expect(first.status).toBe(302);
    const cookie = first.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const again = await post(`/p/${poll.id}`, form, cookie);
    expect(again.headers.get("location")).toContain("alreadyVoted");
    expect(await count()).toBe(before + 1);
    expect((await fetch(`${origin}/p/${poll.id}`)).status).toBe(200);
  });

  it("a second process on the same database starts beside the first, and one device's votes through both count once", async () => {
    const second = await startServer();
    expect(second.output()).not.toContain("Seeded the demo municipality.");
    const [poll] = await query<{ id: string }>(`SELECT "id" FROM "Poll" WHERE "status" = 'open' ORDER BY "createdAt" LIMIT 1`);
    const options = await query<{ questionId: string; optionId: string }>(
      `SELECT DISTINCT ON (q."id") q."id" AS "questionId", o."id" AS "optionId" FROM "PollQuestion" q JOIN "PollOption" o ON o."questionId" = q."id" WHERE q."pollId" = $1 ORDER BY q."id", o."position" DESC`,
      [poll.id],
    );
    const form = Object.fromEntries(options.map((o) => [`q_${o.questionId}`, o.optionId]));
    // A fresh device's voter cookie, as the server would sign it.
    const voterCookie = createCookie("raadslag_voter", { secrets: [sessionSecret] });
    const cookie = (await voterCookie.serialize(crypto.randomBytes(18).toString("base64url"))).split(";")[0];
    const count = async () => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "PollBallot" WHERE "pollId" = $1`, [poll.id]))[0].n);
    const before = await count();
    // Sixteen at once, alternating between the processes (more would meet the per-device limit).
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => post(`/p/${poll.id}`, form, cookie, i % 2 ? second.origin : origin)));
    const outcomes = answers.map((r) => /stemme=([\w.]+)/.exec(r.headers.get("location") ?? "")?.[1] ?? `accepted ${r.status}`);
    expect(outcomes.filter((o) => o.startsWith("accepted")), outcomes.join("\n")).toEqual(["accepted 302"]);
    expect(outcomes.filter((o) => o !== "accepted 302" && o !== "vote.alreadyVoted" && o !== "vote.tooFast"), outcomes.join("\n")).toEqual([]);
    expect(await count()).toBe(before + 1);
  }, 90_000);
});
