/**
 * The PostgreSQL paths, against a real PostgreSQL (TEST_POSTGRES_URL; skipped otherwise): the
 * migrations apply to an empty database and match the schema, and the code that differs by
 * provider (the vote's writer, the tallies, the privacy queries, the outbox's claim, the health
 * check) behaves as it does on SQLite.
 */
import type { MailTransport, OutgoingMessage } from "~/modules/mail/transport.server.ts";
import { announceSkipped, createTestDatabase, prisma as prismaCli, testPostgresUrl, useDatabase, type TestDatabase } from "./postgres.ts";

announceSkipped("PostgreSQL migrations and code paths (tests/postgres.pg.test.ts)");

describe.skipIf(!testPostgresUrl)("on PostgreSQL", () => {
  let database: TestDatabase;
  let app: {
    db: typeof import("~/utils/db.server.ts");
    polls: typeof import("~/modules/polls/polls.server.ts");
    tallies: typeof import("~/modules/polls/tallies.server.ts");
    writer: typeof import("~/modules/polls/ballot-writer.server.ts");
    worker: typeof import("~/modules/mail/worker.server.ts");
    outbox: typeof import("~/modules/mail/outbox.server.ts");
    myData: typeof import("~/modules/privacy/my-data.server.ts");
    healthz: typeof import("~/routes/healthz.ts");
    factories: typeof import("./factories.ts");
  };

  beforeAll(async () => {
    database = await createTestDatabase("paths");
    useDatabase(database.url);
    app = {
      db: await import("~/utils/db.server.ts"),
      polls: await import("~/modules/polls/polls.server.ts"),
      tallies: await import("~/modules/polls/tallies.server.ts"),
      writer: await import("~/modules/polls/ballot-writer.server.ts"),
      worker: await import("~/modules/mail/worker.server.ts"),
      outbox: await import("~/modules/mail/outbox.server.ts"),
      myData: await import("~/modules/privacy/my-data.server.ts"),
      healthz: await import("~/routes/healthz.ts"),
      factories: await import("./factories.ts"),
    };
  }, 60_000);

  afterAll(async () => {
    await app?.db.prisma.$disconnect();
    await database?.drop();
  });

  it("the migrations apply to an empty database and leave it exactly as the PostgreSQL schema says", async () => {
    expect(database.migrate.code, `${database.migrate.stdout}\n${database.migrate.stderr}`).toBe(0);
    expect(database.migrate.stdout).toContain("All migrations have been successfully applied.");
    const diff = await prismaCli(["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/postgresql/schema.prisma", "--exit-code"], database.url);
    const hint =
      "prisma/postgresql/schema.prisma has changes that prisma/postgresql/migrations does not cover. " +
      "Make schema changes with `npm run db:migration -- <name>` (docs/decisions/0014-postgresql.md).";
    // Exit code 2: the database the migrations built differs from the schema.
    expect(diff.code, `${hint}\n${diff.stdout}\n${diff.stderr}`).toBe(0);
    expect(diff.stdout).toContain("No difference detected.");
    expect(app.db.databaseProvider()).toBe("postgresql");
  }, 60_000);

  it("the migrations replay on a shadow database of their own to the same schema (`migrate diff --from-migrations`)", async () => {
    const diff = await prismaCli(["migrate", "diff", "--from-migrations", "prisma/postgresql/migrations", "--to-schema", "prisma/postgresql/schema.prisma", "--exit-code"], database.url);
    expect(diff.code, `${diff.stdout}\n${diff.stderr}`).toBe(0);
    expect(diff.stdout).toContain("No difference detected.");
  }, 60_000);

  it("answers the health check", async () => {
    const response = await app.healthz.loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  async function openPoll(question: string) {
    const { createMunicipality, createStaff, createConsultation } = app.factories;
    const m = await createMunicipality();
    const user = await createStaff(m.id, "editor");
    const editor = { id: user.id, municipalityId: m.id };
    const c = await createConsultation(m.id, { kind: "participation" });
    const created = await app.polls.createPoll(
      c.id,
      { "q0.type": "multiple", "q0.text": question, "q0.options": "Musik\nLektiecafé\nGaming", askAgeGroup: "on", showResultsBeforeClose: "on" },
      editor,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    await app.polls.setPollStatus(created.value.id, "open", editor);
    return (await app.polls.getPublicPoll(created.value.id))!;
  }

  it("50 votes at once with one voter token count once; every other voter counts", async () => {
    const poll = await openPoll("Hvad skal ungehuset have først?");
    const q = poll.questions[0];
    const form = { [`q_${q.id}`]: q.options[0].id };
    const results = await Promise.all(Array.from({ length: 50 }, () => app.polls.castVote(poll.id, form, { hash: "one-device", channel: "web" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.errors.form)).toEqual(Array(49).fill("vote.alreadyVoted"));

    // Forty others in one burst, a few of them twice; and the first device again, later.
    const others = await Promise.all(
      Array.from({ length: 45 }, (_, i) => app.polls.castVote(poll.id, { [`q_${q.id}`]: q.options[i % 3].id, ageGroup: i % 2 ? "13-17" : "" }, { hash: `voter-${i % 40}`, channel: i % 2 ? "snapchat" : "web" })),
    );
    expect(others.filter((r) => r.ok)).toHaveLength(40);
    expect((await app.polls.castVote(poll.id, form, { hash: "one-device", channel: "web" })).ok).toBe(false);

    expect(await app.db.prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(41);
    const tallies = await app.tallies.readTallies(poll.id);
    expect(tallies.totalVoters).toBe(41);
    expect(tallies.votes).toEqual({ [q.options[0].id]: 1 + 14, [q.options[1].id]: 13, [q.options[2].id]: 13 });
    expect(tallies.channels).toEqual({ web: 21, snapchat: 20 });
    expect(tallies.ageGroups).toEqual({ "13-17": 20 });
    expect((await app.polls.getPublicPoll(poll.id))!.totalVoters).toBe(41);
  });

  it("a broken vote in a batch fails alone, and a ballot keeps its time to the millisecond", async () => {
    const poll = await openPoll("Hvad mangler i parken?");
    const q = poll.questions[0];
    const at = new Date("2026-11-30T10:11:12.345Z");
    const ballot = (hash: string, optionId = q.options[0].id) => ({ pollId: poll.id, voterHash: hash, ageGroup: null, channel: "qr", createdAt: at, answers: [{ questionId: q.id, optionId }] });
    const results = await Promise.allSettled([
      app.writer.writeBallot(ballot("a")),
      app.writer.writeBallot(ballot("b", q.options[1].id)),
      app.writer.writeBallot(ballot("a")),
      app.writer.writeBallot(ballot("c", "no-such-option")),
      app.writer.writeBallot(ballot("d")),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? (r.value.ok ? "ok" : r.value.reason) : "error"))).toEqual(["ok", "ok", "duplicate", "error", "ok"]);
    await app.writer.flushBallots();
    const stored = await app.db.prisma.pollBallot.findMany({ where: { pollId: poll.id }, select: { voterHash: true, createdAt: true, answers: { select: { optionId: true } } }, orderBy: { voterHash: "asc" } });
    expect(stored.map((b) => b.voterHash)).toEqual(["a", "b", "d"]);
    expect(stored.every((b) => b.createdAt.getTime() === at.getTime() && b.answers.length === 1)).toBe(true);
  });

  it("tallies follow votes from this process at once, and a removed ballot once forgotten", async () => {
    const poll = await openPoll("Hvor skal bænken stå?");
    const q = poll.questions[0];
    for (let i = 0; i < 5; i++) {
      await app.polls.castVote(poll.id, { [`q_${q.id}`]: q.options[0].id }, { hash: `t${i}`, channel: "web" });
      expect((await app.tallies.readTallies(poll.id)).totalVoters).toBe(i + 1);
    }
    await app.db.prisma.pollBallot.deleteMany({ where: { pollId: poll.id, voterHash: "t0" } });
    app.tallies.forgetTallies(poll.id);
    expect(await app.tallies.readTallies(poll.id)).toMatchObject({ totalVoters: 4, votes: { [q.options[0].id]: 4 } });
  });

  it("finds and erases an address's data whatever its case, with the same queries as on SQLite", async () => {
    const { createMunicipality, createConsultation } = app.factories;
    const m = await createMunicipality();
    const c = await createConsultation(m.id);
    const prisma = app.db.prisma;
    await prisma.hearingResponse.create({
      data: { consultationId: c.id, receiptNumber: `HS-PG-${Date.now()}`, name: "Erik Holm", email: "Erik.Holm@Eksempel.dk", body: "Mit svar.", publication: "named" },
    });
    await app.outbox.enqueueMail(prisma, { dedupeKey: `pg-unsent:${Date.now()}`, to: "ERIK.holm@eksempel.dk", subject: "Bekræft", text: "t", html: "<p>t</p>" });
    const data = await app.myData.getEmailData("erik.holm@eksempel.dk");
    expect(data.hearingResponses).toHaveLength(1);
    expect(data.mail.map((mail) => mail.subject)).toEqual(["Bekræft"]);

    const erased = await app.myData.deleteEmailData("erik.holm@eksempel.dk");
    expect(erased).toMatchObject({ hearingResponses: 1, unsentMail: 1 });
    expect(await prisma.hearingResponse.count({ where: { email: { contains: "olm" } } })).toBe(0);
    expect((await app.myData.getEmailData("erik.holm@eksempel.dk")).hearingResponses).toEqual([]);
  });

  it("two workers sending the outbox at once send each message exactly once", async () => {
    const prisma = app.db.prisma;
    await prisma.mailMessage.deleteMany({});
    for (let i = 0; i < 30; i++) {
      await app.outbox.enqueueMail(prisma, { dedupeKey: `pg-both:${i}`, to: `modtager${i}@eksempel.dk`, subject: `Besked ${i}`, text: "t", html: "<p>t</p>" });
    }
    const sentBy: Record<string, string[]> = { a: [], b: [] };
    const transport = (name: string): MailTransport => ({
      kind: "smtp",
      async send(mail: OutgoingMessage) {
        sentBy[name].push(mail.to);
        // A relay takes a moment: the other worker gets its turn meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { response: "250 OK" };
      },
      close() {},
    });
    const settings = (name: string) => ({ ...app.worker.settingsFromEnv(), transport: transport(name), log: { error: () => {}, warn: () => {} } });
    const [a, b] = await Promise.all([app.worker.deliverDueMail(settings("a")), app.worker.deliverDueMail(settings("b"))]);
    const all = [...sentBy.a, ...sentBy.b].sort();
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => `modtager${i}@eksempel.dk`).sort());
    expect(a.sent + b.sent).toBe(30);
    // Both took part: the claim skips the other's row instead of waiting for it.
    expect(sentBy.a.length).toBeGreaterThan(0);
    expect(sentBy.b.length).toBeGreaterThan(0);
    expect(await prisma.mailMessage.count({ where: { status: "sent", attempts: 1 } })).toBe(30);
  });

  it("a message whose claim ran out (its process died) is taken again, once", async () => {
    const prisma = app.db.prisma;
    await prisma.mailMessage.deleteMany({});
    const now = new Date();
    const lease = 60_000;
    await prisma.mailMessage.create({
      data: { dedupeKey: "pg-stale", to: "a@eksempel.dk", subject: "s", text: "t", html: "h", status: "sending", attempts: 1, claimedAt: new Date(now.getTime() - lease - 1) },
    });
    await prisma.mailMessage.create({
      data: { dedupeKey: "pg-held", to: "b@eksempel.dk", subject: "s", text: "t", html: "h", status: "sending", attempts: 1, claimedAt: new Date(now.getTime() - 1000) },
    });
    const first = await app.worker.claimNextMail(now, lease);
    expect(first).toMatchObject({ to: "a@eksempel.dk", attempts: 2 });
    expect(first!.claimedAt.getTime()).toBe(now.getTime());
    expect(await app.worker.claimNextMail(now, lease)).toBeNull();
    const row = await prisma.mailMessage.findUniqueOrThrow({ where: { dedupeKey: "pg-stale" } });
    expect(row.lastError).toMatch(/interrupted/);
  });
});
