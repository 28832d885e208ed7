import { prisma } from "~/utils/db.server.ts";
import { subscribe } from "~/modules/domain-events.server.ts";
import { openTestPoll } from "../../../tests/poll-factories.ts";
import { castVote, getPublicPoll, getTallies, setPollStatus, updatePoll } from "./polls.server.ts";
import { startLiveResults, pushIntervalMs } from "./live-results.server.ts";
import { parsePollForm } from "./poll.schema.ts";
import { normalizeChannel } from "~/modules/channels/channels.server.ts";

function openPoll(form: Record<string, string> = {}) {
  return openTestPoll({
    "q0.type": "single",
    "q0.text": "Hvad skal ungehuset have først?",
    "q0.options": "Musik\nLektiecafé\nGaming",
    "q1.type": "scale",
    "q1.text": "Hvor glad er du for idéen?",
    askAgeGroup: "on",
    showResultsBeforeClose: "on",
    ...form,
  });
}

function ballot(poll: NonNullable<Awaited<ReturnType<typeof getPublicPoll>>>, choice = 0, scale = 4) {
  return { [`q_${poll.questions[0].id}`]: poll.questions[0].options[choice].id, [`q_${poll.questions[1].id}`]: poll.questions[1].options[scale].id };
}

describe("poll editing", () => {
  it("a poll needs a question, and choice questions need 2–8 distinct options", () => {
    expect(parsePollForm({})).toEqual({ ok: false, errors: { "q0.text": "validation.questionRequired" } });
    const bad = parsePollForm({ "q0.type": "single", "q0.text": "Hvad?", "q0.options": "Ja\nja", "q1.type": "multiple", "q1.text": "Mere?", "q1.options": "Kun én" });
    expect(bad.ok ? null : bad.errors).toEqual({ "q0.options": "validation.optionsDuplicate", "q1.options": "validation.optionsTooFew" });
    const scale = parsePollForm({ "q0.type": "scale", "q0.text": "Hvor glad?" });
    expect(scale.ok && scale.data.questions[0].options).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("questions cannot change once someone has voted", async () => {
    const { poll, editor } = await openPoll();
    await castVote(poll.id, ballot(poll), { hash: "voter-a", channel: "web" });
    const result = await updatePoll(poll.id, { "q0.type": "yesno", "q0.text": "Noget andet?" }, editor);
    expect(result.ok ? null : result.errors.form).toBe("validation.hasVotes");
    expect((await getPublicPoll(poll.id))?.questions[0].text).toBe("Hvad skal ungehuset have først?");
  });
});

describe("voting", () => {
  it("a vote counts once per device, with its age group and channel", async () => {
    const { poll } = await openPoll();
    expect((await castVote(poll.id, { ...ballot(poll, 1), ageGroup: "13-17" }, { hash: "voter-a", channel: "snapchat" })).ok).toBe(true);
    const again = await castVote(poll.id, ballot(poll, 2), { hash: "voter-a", channel: "snapchat" });
    expect(again.ok ? null : again.errors.form).toBe("vote.alreadyVoted");
    const tallies = await getTallies(poll.id);
    expect(tallies.totalVoters).toBe(1);
    expect(tallies.votes[poll.questions[0].options[1].id]).toBe(1);
    expect(tallies.channels).toEqual({ snapchat: 1 });
    expect(tallies.ageGroups).toEqual({ "13-17": 1 });
  });

  it("50 simultaneous votes with the same voter token count once", async () => {
    const { poll } = await openPoll();
    const results = await Promise.all(Array.from({ length: 50 }, () => castVote(poll.id, ballot(poll), { hash: "same-device", channel: "web" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.errors.form === "vote.alreadyVoted")).toHaveLength(49);
    expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(1);
    expect(await prisma.pollAnswer.count({ where: { ballot: { pollId: poll.id } } })).toBe(2);
  });

  it("an unanswered question, a foreign option or an unknown age group is refused and nothing is stored", async () => {
    const { poll } = await openPoll();
    const other = await openPoll();
    const cases = [
      { [`q_${poll.questions[0].id}`]: poll.questions[0].options[0].id },
      { ...ballot(poll), [`q_${poll.questions[0].id}`]: other.poll.questions[0].options[0].id },
      { ...ballot(poll), [`q_${poll.questions[0].id}`]: [poll.questions[0].options[0].id, poll.questions[0].options[1].id] },
      { ...ballot(poll), ageGroup: "99-100" },
    ];
    for (const form of cases) expect((await castVote(poll.id, form, { hash: "x", channel: "web" })).ok).toBe(false);
    expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(0);
  });

  it("a closed poll, or a poll on a closed consultation, takes no votes", async () => {
    const { poll, editor, consultation } = await openPoll();
    await prisma.consultation.update({ where: { id: consultation.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect((await castVote(poll.id, ballot(poll), { hash: "late", channel: "web" })).ok).toBe(false);
    await prisma.consultation.update({ where: { id: consultation.id }, data: { closesAt: new Date(Date.now() + 3600_000) } });
    await setPollStatus(poll.id, "closed", editor);
    const result = await castVote(poll.id, ballot(poll), { hash: "later", channel: "web" });
    expect(result.ok ? null : result.errors.form).toBe("vote.closed");
  });

  it("a poll that hides its results keeps them hidden until it closes", async () => {
    const { poll, editor } = await openPoll({ showResultsBeforeClose: "" });
    expect(poll.resultsVisible).toBe(false);
    await setPollStatus(poll.id, "closed", editor);
    expect((await getPublicPoll(poll.id))?.resultsVisible).toBe(true);
  });

  it("unknown channels count as other, a missing one as the web", () => {
    expect(normalizeChannel("Snapchat")).toBe("snapchat");
    expect(normalizeChannel("myspace")).toBe("other");
    expect(normalizeChannel(null)).toBe("web");
  });
});

describe("live results", () => {
  it("a burst of votes is pushed as a few coalesced updates, the last one with every vote", async () => {
    const { poll } = await openPoll();
    const pushes: number[] = [];
    const off = subscribe("poll.results", (r) => pushes.push(r.totalVoters));
    const stop = startLiveResults();
    await Promise.all(Array.from({ length: 40 }, (_, i) => castVote(poll.id, ballot(poll, i % 3), { hash: `v${i}`, channel: "web" })));
    await new Promise((resolve) => setTimeout(resolve, pushIntervalMs * 4));
    stop();
    off();
    expect(pushes.length).toBeGreaterThanOrEqual(1);
    expect(pushes.length).toBeLessThanOrEqual(5);
    expect(pushes.at(-1)).toBe(40);
  });
});

describe("plain form votes (no JavaScript)", () => {
  it("a counted vote redirects to the results and sets the voter cookie; a repeat is refused with its reason", async () => {
    const { poll } = await openPoll();
    const { handlePlainVote } = await import("./plain-vote.server.ts");
    const form = new URLSearchParams(ballot(poll) as Record<string, string>);
    const first = await handlePlainVote({ pollId: poll.id, form, cookieHeader: undefined, clientAddress: "10.0.0.1", secure: false });
    expect(first).toMatchObject({ status: 302, location: `/p/${poll.id}#results` });
    expect(first.setCookie).toMatch(/^raadslag_voter=/);
    const cookie = first.setCookie!.split(";")[0];
    const again = await handlePlainVote({ pollId: poll.id, form, cookieHeader: cookie, clientAddress: "10.0.0.1", secure: false });
    expect(again).toMatchObject({ status: 303, location: `/p/${poll.id}?stemme=vote.alreadyVoted#results`, setCookie: null });
    const empty = await handlePlainVote({ pollId: poll.id, form: new URLSearchParams(), cookieHeader: undefined, clientAddress: "10.0.0.1", secure: false });
    expect(empty.location).toContain("stemme=vote.answerRequired");
    expect((await getTallies(poll.id)).totalVoters).toBe(1);
  });
});
