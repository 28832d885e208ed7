import { prisma } from "~/utils/db.server.ts";
import { postComment } from "~/modules/discussion/discussion.server.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { moderateComment } from "~/modules/moderation/moderation.server.ts";
import { castVote, createPoll, getPublicPoll, setPollStatus } from "~/modules/polls/polls.server.ts";
import { listStaffConsultations } from "~/modules/consultations/consultations.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { validResponseForm } from "../../../tests/hearing-factories.ts";
import { dayStarts, recentActivity } from "./activity.server.ts";

const day = 24 * 3600 * 1000;

describe("the days of the activity week", () => {
  it("start at midnight Danish time, also across the change to summer time", () => {
    expect(dayStarts(new Date("2026-03-31T10:00:00Z")).map((d) => d.toISOString())).toEqual([
      "2026-03-24T23:00:00.000Z",
      "2026-03-25T23:00:00.000Z",
      "2026-03-26T23:00:00.000Z",
      "2026-03-27T23:00:00.000Z",
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
      "2026-03-30T22:00:00.000Z",
    ]);
  });

  it("a late evening in Denmark already belongs to the Danish day, not the UTC one", () => {
    const starts = dayStarts(new Date("2026-07-14T22:30:00Z"));
    expect(starts.at(-1)!.toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });
});

describe("activity per consultation", () => {
  it("counts comments, hearing responses and votes per day for open and recently closed consultations", async () => {
    const now = new Date();
    const days = dayStarts(now);
    // Into each Danish day, so no count lands on a midnight, and today's still before now.
    const offset = Math.min(3600 * 1000, (now.getTime() - days[6].getTime()) / 2);
    const onDay = (i: number) => new Date(days[i].getTime() + offset);
    const m = await createMunicipality();
    const editorUser = await createStaff(m.id, "editor");
    const moderatorUser = await createStaff(m.id, "moderator");
    const editor = { id: editorUser.id, municipalityId: m.id };
    const hearing = await createConsultation(m.id, { kind: "hearing", title: "Cykelsti på Strandvejen", opensAt: new Date(now.getTime() - 20 * day) });
    const anna = await citizen("Anna");
    await postComment(hearing.id, commentForm(), anna, onDay(0));
    await postComment(hearing.id, commentForm(), await citizen(), onDay(0));
    await postComment(hearing.id, commentForm(), anna, onDay(6));
    // Before the week, hidden by a moderator, or a staff answer: not this week's citizens' input.
    await postComment(hearing.id, commentForm(), anna, new Date(days[0].getTime() - 2 * day));
    const spam = await postComment(hearing.id, commentForm({ body: "Køb billige solbriller her, helt uden forbindelse til sagen." }), await citizen(), onDay(6));
    await moderateComment(spam.ok ? spam.value.comment.id : "", "hide", { id: moderatorUser.id, name: moderatorUser.name, municipalityId: m.id }, 1);
    const staffDevice = await prisma.participant.create({ data: {} });
    await postComment(hearing.id, commentForm(), { kind: "staff", participantId: staffDevice.id, userId: editorUser.id, name: editorUser.name, role: "editor", title: null }, onDay(6));
    expect((await submitHearingResponse(hearing.id, validResponseForm(), onDay(3))).ok).toBe(true);
    const created = await createPoll(hearing.id, { "q0.type": "yesno", "q0.text": "Skal stien bygges?" }, editor);
    if (!created.ok) throw new Error("poll");
    await setPollStatus(created.value.id, "open", editor);
    const poll = (await getPublicPoll(created.value.id))!;
    for (let i = 0; i < 3; i++) {
      const voted = await castVote(poll.id, { [`q_${poll.questions[0].id}`]: poll.questions[0].options[0].id }, { hash: `activity-${i}`, channel: "web" }, onDay(5));
      expect(voted.ok).toBe(true);
    }

    // Closed three days ago: late input came in before it closed, and it is still listed.
    const recentlyClosed = await createConsultation(m.id, { kind: "participation", title: "Bænke i parken", opensAt: new Date(now.getTime() - 30 * day), closesAt: onDay(3) });
    await postComment(recentlyClosed.id, commentForm(), anna, onDay(2));
    await createConsultation(m.id, { status: "closed", title: "Lukket for længe siden", opensAt: new Date(now.getTime() - 60 * day), closesAt: new Date(now.getTime() - 20 * day) });
    await createConsultation(m.id, { status: "draft", title: "Kladde" });

    const activity = await recentActivity(await listStaffConsultations(m.id, now), now);
    expect(activity.days).toEqual(days);
    expect(activity.rows.map((r) => ({ title: r.title, comments: r.comments, hearingResponses: r.hearingResponses, votes: r.votes, perDay: r.perDay }))).toEqual([
      { title: "Cykelsti på Strandvejen", comments: 3, hearingResponses: 1, votes: 3, perDay: [2, 0, 0, 1, 0, 3, 1] },
      { title: "Bænke i parken", comments: 1, hearingResponses: 0, votes: 0, perDay: [0, 0, 1, 0, 0, 0, 0] },
    ]);
  });
});
