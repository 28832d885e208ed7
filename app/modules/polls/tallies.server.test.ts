import { prisma } from "~/utils/db.server.ts";
import { openTestPoll } from "../../../tests/poll-factories.ts";
import { castVote } from "./polls.server.ts";
import { forgetTallies, readTallies } from "./tallies.server.ts";

/** A multiple-choice poll asking `question`, with age groups and live results. */
async function openPoll(question: string) {
  const form = { "q0.type": "multiple", "q0.text": question, "q0.options": "Musik\nLektiecafé\nGaming", askAgeGroup: "on", showResultsBeforeClose: "on" };
  return (await openTestPoll(form)).poll;
}

/** The same figures counted the slow way, straight from the rows. */
async function countedFromRows(pollId: string) {
  const [answers, ballots] = await Promise.all([
    prisma.pollAnswer.groupBy({ by: ["optionId"], where: { ballot: { pollId } }, _count: { _all: true } }),
    prisma.pollBallot.findMany({ where: { pollId }, select: { channel: true, ageGroup: true } }),
  ]);
  const tally = (keys: (string | null)[]) => keys.reduce<Record<string, number>>((acc, k) => (k ? { ...acc, [k]: (acc[k] ?? 0) + 1 } : acc), {});
  return {
    votes: Object.fromEntries(answers.map((a) => [a.optionId, a._count._all])),
    totalVoters: ballots.length,
    channels: tally(ballots.map((b) => b.channel)),
    ageGroups: tally(ballots.map((b) => b.ageGroup)),
  };
}

describe("running poll tallies", () => {
  it("results read between bursts of votes on two polls equal a full count of each poll", async () => {
    const [a, b] = await Promise.all([openPoll("Hvad skal ungehuset have først?"), openPoll("Hvad mangler i parken?")]);
    const channels = ["snapchat", "instagram", "web"];
    const ages = ["13-17", "18-24", ""];
    let voter = 0;
    for (let burst = 0; burst < 4; burst++) {
      for (let i = 0; i < 15; i++) {
        const poll = i % 3 === 0 ? b : a;
        const options = poll.questions[0].options;
        const chosen = i % 4 === 0 ? [options[0].id, options[2].id] : options[i % 3].id;
        const vote = await castVote(poll.id, { [`q_${poll.questions[0].id}`]: chosen, ageGroup: ages[i % 3] }, { hash: `voter-${voter++}`, channel: channels[i % 3] });
        expect(vote.ok).toBe(true);
      }
      // Reading in the middle of the votes must not lose or double anything read later.
      expect(await readTallies(a.id)).toEqual(await countedFromRows(a.id));
    }
    expect(await readTallies(a.id)).toEqual(await countedFromRows(a.id));
    expect(await readTallies(b.id)).toEqual(await countedFromRows(b.id));
    expect((await readTallies(a.id)).totalVoters + (await readTallies(b.id)).totalVoters).toBe(60);
  });

  it("after ballots are removed and the tallies forgotten, the next read counts afresh", async () => {
    const poll = await openPoll("Hvad skal ungehuset have først?");
    for (let i = 0; i < 5; i++) await castVote(poll.id, { [`q_${poll.questions[0].id}`]: poll.questions[0].options[0].id }, { hash: `v${i}`, channel: "web" });
    expect((await readTallies(poll.id)).totalVoters).toBe(5);
    const newest = await prisma.pollBallot.findFirst({ where: { pollId: poll.id }, orderBy: { createdAt: "desc" } });
    await prisma.pollBallot.delete({ where: { id: newest!.id } });
    forgetTallies(poll.id);
    expect(await readTallies(poll.id)).toEqual(await countedFromRows(poll.id));
    expect((await readTallies(poll.id)).totalVoters).toBe(4);
  });
});
