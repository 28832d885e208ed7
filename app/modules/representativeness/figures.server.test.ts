import { prisma } from "~/utils/db.server.ts";
import { countArrival } from "~/modules/channels/channels.server.ts";
import { postComment } from "~/modules/discussion/discussion.server.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { moderateComment } from "~/modules/moderation/moderation.server.ts";
import { castVote, createPoll, getPublicPoll, setPollStatus } from "~/modules/polls/polls.server.ts";
import { updatePopulation } from "~/modules/municipality/population.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { validResponseForm } from "../../../tests/hearing-factories.ts";
import { collectFigures, collectMunicipalityFigures } from "./figures.server.ts";

const day = 24 * 3600 * 1000;

async function openPoll(consultationId: string, editor: { id: string; municipalityId: string }) {
  const created = await createPoll(consultationId, { "q0.type": "yesno", "q0.text": "Skal cykelstien bygges?", askAgeGroup: "on", showResultsBeforeClose: "on" }, editor);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await setPollStatus(created.value.id, "open", editor);
  return (await getPublicPoll(created.value.id))!;
}

let voter = 0;
async function vote(poll: NonNullable<Awaited<ReturnType<typeof getPublicPoll>>>, ageGroup: string, channel: string) {
  const q = poll.questions[0];
  const result = await castVote(poll.id, { [`q_${q.id}`]: q.options[0].id, ageGroup }, { hash: `figures-voter-${voter++}`, channel });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

async function comment(consultationId: string, poster: Awaited<ReturnType<typeof citizen>>, body?: string) {
  const result = await postComment(consultationId, commentForm(body ? { body } : {}), poster);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.comment.id;
}

async function setting() {
  const m = await createMunicipality();
  const editorUser = await createStaff(m.id, "editor");
  const moderatorUser = await createStaff(m.id, "moderator");
  const editor = { id: editorUser.id, municipalityId: m.id };
  const moderator = { id: moderatorUser.id, name: moderatorUser.name, municipalityId: m.id };
  const hearing = await createConsultation(m.id, { kind: "hearing" });
  return { m, editor, editorUser, moderator, hearing };
}

describe("a consultation's figures", () => {
  it("count what was received, by age group and by channel, beside the residents", async () => {
    const { m, editor, editorUser, moderator, hearing } = await setting();
    await updatePopulation(m.id, { "residents-13-17": "3000", "residents-18-24": "4000", "residents-25-39": "9000", "residents-40-64": "20000", "residents-65+": "14000" });

    // Two devices comment three times; one comment is held for a moderator and still counts.
    const anna = await citizen("Anna");
    const bo = await citizen("Bo");
    await comment(hearing.id, anna);
    await comment(hearing.id, anna, "Og så mangler der lys ved skolen om vinteren, når det er mørkt om morgenen.");
    await comment(hearing.id, bo, "Ring gerne til mig på 22 33 44 55, så fortæller jeg mere om krydset.");
    expect(await prisma.comment.count({ where: { consultationId: hearing.id, status: "held" } })).toBe(1);
    // A comment hidden under the house rules and a staff answer are not citizens' input.
    const troll = await citizen("Trold");
    const hidden = await comment(hearing.id, troll, "Det her er bare spam om noget helt andet end cykelstien.");
    await moderateComment(hidden, "hide", moderator, 1);
    const staffParticipant = await prisma.participant.create({ data: {} });
    await postComment(hearing.id, commentForm({ body: "Tak for jeres input – vi læser det hele." }), {
      kind: "staff",
      participantId: staffParticipant.id,
      userId: editorUser.id,
      name: editorUser.name,
      role: "editor",
      title: null,
    });

    // Two formal responses, one of them private: all are read, so both count.
    for (const publication of ["named", "private"]) expect((await submitHearingResponse(hearing.id, validResponseForm({ publication }))).ok).toBe(true);

    // Five ballots: four with an age group, one without.
    const poll = await openPoll(hearing.id, editor);
    await vote(poll, "13-17", "snapchat");
    await vote(poll, "13-17", "snapchat");
    await vote(poll, "18-24", "instagram");
    await vote(poll, "65+", "web");
    await vote(poll, "", "web");

    // Arrivals: three by QR to the consultation, three by shared links to its poll.
    for (let i = 0; i < 3; i++) await countArrival("consultation", hearing.id, "qr");
    await countArrival("poll", poll.id, "snapchat");
    await countArrival("poll", poll.id, "snapchat");
    await countArrival("poll", poll.id, "qr");

    // Input to another consultation of the same municipality stays out.
    const other = await createConsultation(m.id, { kind: "participation" });
    await comment(other.id, anna);
    await countArrival("consultation", other.id, "facebook");

    expect(await collectFigures(hearing.id)).toEqual({
      // Anna and Bo (devices) + two responses + five ballots.
      participants: 9,
      comments: 3,
      hearingResponses: 2,
      pollVoters: 5,
      byAgeGroup: { "13-17": 2, "18-24": 1, "25-39": 0, "40-64": 0, "65+": 1 },
      // Arrivals only: the ballots' own channels (instagram, web) are not added on top.
      byChannel: { qr: 4, snapchat: 2 },
      population: { "13-17": 3000, "18-24": 4000, "25-39": 9000, "40-64": 20000, "65+": 14000 },
    });
  });

  it("a consultation nobody has answered yet has zeros, and no population until an admin enters it", async () => {
    const { hearing } = await setting();
    expect(await collectFigures(hearing.id)).toEqual({
      participants: 0,
      comments: 0,
      hearingResponses: 0,
      pollVoters: 0,
      byAgeGroup: { "13-17": 0, "18-24": 0, "25-39": 0, "40-64": 0, "65+": 0 },
      byChannel: {},
      population: null,
    });
  });

  it("survive a JSON round trip unchanged, as the outcome report freezes them", async () => {
    const { hearing } = await setting();
    await comment(hearing.id, await citizen());
    const figures = await collectFigures(hearing.id);
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });
});

describe("the municipality's figures", () => {
  it("cover the consultations open within the period, and count a device that commented in two of them once", async () => {
    const { m, editor, hearing } = await setting();
    const now = new Date();
    const since = new Date(now.getTime() - 365 * day);
    const participation = await createConsultation(m.id, { kind: "participation" });
    const anna = await citizen("Anna");
    await comment(hearing.id, anna);
    await comment(participation.id, anna);
    const poll = await openPoll(participation.id, editor);
    await vote(poll, "25-39", "facebook");
    await countArrival("poll", poll.id, "facebook");

    // Closed before the period began: its input belongs to an earlier year.
    const old = await createConsultation(m.id, { status: "closed", opensAt: new Date(now.getTime() - 500 * day), closesAt: new Date(now.getTime() - 400 * day), expectedDecisionAt: new Date(now.getTime() - 380 * day) });
    const oldDevice = await prisma.participant.create({ data: { displayName: "Gammel" } });
    await prisma.comment.create({ data: { consultationId: old.id, participantId: oldDevice.id, authorName: "Gammel", body: "Et gammelt indlæg.", clientId: crypto.randomUUID() } });
    await countArrival("consultation", old.id, "qr");
    // A draft is not a consultation anyone could take part in.
    await createConsultation(m.id, { status: "draft" });
    // Another municipality's consultation is not ours.
    const elsewhere = await createConsultation((await createMunicipality()).id);
    await comment(elsewhere.id, await citizen());

    const figures = await collectMunicipalityFigures(m.id, since, now);
    expect(figures).toMatchObject({
      consultations: 2,
      participants: 2,
      comments: 2,
      pollVoters: 1,
      byAgeGroup: { "13-17": 0, "18-24": 0, "25-39": 1, "40-64": 0, "65+": 0 },
      byChannel: { facebook: 1 },
    });
  });
});
