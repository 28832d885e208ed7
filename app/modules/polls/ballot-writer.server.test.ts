import { prisma } from "~/utils/db.server.ts";
import { openTestPoll } from "../../../tests/poll-factories.ts";
import { writeBallot } from "./ballot-writer.server.ts";


describe("writing ballots together", () => {
  it("votes arriving at once are committed together; a duplicate and a broken vote fail alone", async () => {
    const { poll } = await openTestPoll();
    const q = poll.questions[0];
    const ballot = (voterHash: string, optionId = q.options[0].id) => ({
      pollId: poll.id,
      voterHash,
      ageGroup: null,
      channel: "web",
      createdAt: new Date(),
      answers: [{ questionId: q.id, optionId }],
    });
    // All in the same turn of the event loop, so they share one flush.
    const results = await Promise.allSettled([
      writeBallot(ballot("a")),
      writeBallot(ballot("b", q.options[1].id)),
      writeBallot(ballot("a")),
      writeBallot(ballot("c", "no-such-option")),
      writeBallot(ballot("d")),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? (r.value.ok ? "ok" : r.value.reason) : "error"))).toEqual(["ok", "ok", "duplicate", "error", "ok"]);
    const stored = await prisma.pollBallot.findMany({ where: { pollId: poll.id }, select: { voterHash: true, answers: { select: { optionId: true } } }, orderBy: { voterHash: "asc" } });
    expect(stored.map((b) => [b.voterHash, b.answers.length])).toEqual([["a", 1], ["b", 1], ["d", 1]]);
  });
});
