/**
 * A database that another writer holds longer than the busy timeout: every write path answers 503
 * with Retry-After (the write did not happen), never a 500 and never a success, and works again as
 * soon as the lock is gone. The lock is real: a second connection to the same file in
 * BEGIN IMMEDIATE, as a backup tool or a stuck script would hold it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import Database from "better-sqlite3";

// Before any module reads the configuration: a short wait keeps the test quick.
vi.hoisted(() => {
  process.env.SQLITE_BUSY_TIMEOUT_MS = "300";
});

import { prisma, sqlitePath } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { languageCookie } from "~/i18n/i18next.server.ts";
import { answerBusyWith503, isDatabaseBusy, plainUnavailable } from "~/utils/database-busy.server.ts";
import { writeBallot } from "~/modules/polls/ballot-writer.server.ts";
import { handlePlainVote } from "~/modules/polls/plain-vote.server.ts";
import * as commentsRoute from "~/routes/c.$slug_.comments.ts";
import { plainVotes } from "../../server/plain-votes.mjs";
import { createConsultation, createMunicipality } from "../../tests/factories.ts";
import { openTestPoll } from "../../tests/poll-factories.ts";

let lock: Database.Database | null = null;

/** Holds the write lock from another connection until released. */
function lockDatabase() {
  const db = new Database(sqlitePath(getEnv().DATABASE_URL));
  db.pragma("journal_mode = WAL");
  db.exec("BEGIN IMMEDIATE");
  lock = db;
  return () => {
    db.exec("ROLLBACK");
    db.close();
    lock = null;
  };
}

afterEach(() => {
  if (lock?.inTransaction) lock.exec("ROLLBACK");
  lock?.close();
  lock = null;
});


function ballot(pollId: string, questionId: string, optionId: string, voterHash: string) {
  return { pollId, voterHash, ageGroup: null, channel: "web", createdAt: new Date(), answers: [{ questionId, optionId }] };
}

describe("the ballot writer and a locked database", () => {
  it("refuses a vote as busy once the wait is over, without blocking the server meanwhile, and writes it after the lock is gone", async () => {
    const { poll } = await openTestPoll();
    const q = poll.questions[0];
    const release = lockDatabase();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const startedAt = Date.now();
    const refused = await writeBallot(ballot(poll.id, q.id, q.options[0].id, "locked-out")).then(
      () => null,
      (error: unknown) => error,
    );
    const waited = Date.now() - startedAt;
    clearInterval(ticker);
    expect(isDatabaseBusy(refused)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(3000);
    // The wait was spent on timers, not inside SQLite: other requests were served meanwhile.
    expect(ticks).toBeGreaterThan(5);
    release();
    expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(0);
    expect(await writeBallot(ballot(poll.id, q.id, q.options[0].id, "locked-out"))).toMatchObject({ ok: true });
    expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(1);
  });

  it("a lock shorter than the wait only delays the votes, which are then all written once", async () => {
    const { poll } = await openTestPoll();
    const q = poll.questions[0];
    const release = lockDatabase();
    setTimeout(release, 100);
    const results = await Promise.all(["a", "b", "c"].map((voter) => writeBallot(ballot(poll.id, q.id, q.options[1].id, voter))));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(3);
  });
});

describe("a plain form vote and a locked database", () => {
  it("is answered 503 with Retry-After and a message in the voter's language, then 302 once the lock is gone", async () => {
    const { poll } = await openTestPoll();
    const q = poll.questions[0];
    const server = http.createServer(
      plainVotes({
        handlePlainVote,
        headers: {},
        unavailable: (error: unknown, req: http.IncomingMessage) =>
          isDatabaseBusy(error) ? plainUnavailable({ url: req.url ?? "/", cookieHeader: req.headers.cookie }) : null,
        next: (_req: http.IncomingMessage, res: http.ServerResponse) => res.end("app"),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/p/${poll.id}`;
    const vote = (address: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address, ...headers },
        body: new URLSearchParams({ [`q_${q.id}`]: q.options[0].id }).toString(),
      });
    try {
      const release = lockDatabase();
      const danish = await vote("10.9.0.1");
      expect(danish.status).toBe(503);
      expect(danish.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await danish.text()).toMatch(/travlt/);
      // The language a visitor chose is remembered in the "lng" cookie.
      const english = await vote("10.9.0.2", { Cookie: await languageCookie.serialize("en") });
      expect(english.status).toBe(503);
      expect(await english.text()).toMatch(/busy/);
      release();
      expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(0);
      const counted = await vote("10.9.0.3");
      expect(counted.status).toBe(302);
      expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("a comment and a locked database", () => {
  const routeId = "routes/c.$slug_.comments";
  const build = answerBusyWith503({
    routes: { [routeId]: { id: routeId, path: "c/:slug/comments", module: commentsRoute } },
  } as unknown as ServerBuild);
  const action = build.routes[routeId].module.action!;

  async function post(slug: string, clientId: string) {
    const form = new FormData();
    form.set("intent", "comment");
    form.set("clientId", clientId);
    form.set("body", "Husk cykelparkering ved indgangen.");
    form.set("displayName", "Maja");
    form.set("acceptRules", "on");
    const request = new Request(`http://localhost/c/${slug}/comments`, { method: "POST", body: form });
    try {
      return (await action({ request, params: { slug }, context: { clientAddress: "10.9.1.1" } })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("the live page's comment endpoint answers 503 JSON with Retry-After, stores nothing, and takes the same post afterwards", async () => {
    const m = await createMunicipality();
    const c = await createConsultation(m.id, { kind: "participation" });
    const release = lockDatabase();
    const refused = await post(c.slug, "busy-comment-0001");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ ok: false, error: "unavailable", message: expect.stringMatching(/travlt/) });
    release();
    expect(await prisma.comment.count({ where: { clientId: "busy-comment-0001" } })).toBe(0);
    const sent = await post(c.slug, "busy-comment-0001");
    expect(sent.status).toBe(201);
    expect(await prisma.comment.count({ where: { clientId: "busy-comment-0001" } })).toBe(1);
  });

  it("without the 503 mapping the same lock would reach the visitor as an unexplained server error", async () => {
    const m = await createMunicipality();
    const c = await createConsultation(m.id, { kind: "participation" });
    lockDatabase();
    const form = new FormData();
    form.set("intent", "comment");
    form.set("clientId", "busy-comment-0002");
    form.set("body", "Og lys på stien.");
    form.set("displayName", "Maja");
    form.set("acceptRules", "on");
    const request = new Request(`http://localhost/c/${c.slug}/comments`, { method: "POST", body: form });
    const error = await commentsRoute.action({ request, params: { slug: c.slug }, context: { clientAddress: "10.9.1.2" } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeInstanceOf(Response);
    expect(isDatabaseBusy(error)).toBe(true);
  });
});
