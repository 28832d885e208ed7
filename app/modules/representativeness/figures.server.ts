/**
 * Who took part in a consultation, or in all of a municipality's recent ones: counts by kind of
 * input, by age group and by channel, beside the municipality's residents. Aggregates only: nothing
 * here can tell one person from another.
 *
 * What counts, and why:
 * - Comments: citizens' comments and replies received, including those held for a moderator;
 *   not staff's official answers, and not those a moderator hid under the house rules.
 * - Hearing responses: every response received, whatever the author chose about publication,
 *   because all of them are read (the same number the public page shows).
 * - Poll voters: every ballot. Age groups come from the ballots' optional age question.
 * - Channels: arrivals counted when someone came by a shared link or code (`?via=…`, short links,
 *   QR codes), for the consultation and its polls. Ballots' own channels are not added: a voter
 *   who came by a counted link is already an arrival, and adding the ballot would count them
 *   twice. So the channel figures say how people found their way in, not what they did there.
 * - Participants: an approximation, because participation is anonymous by design. Commenting
 *   devices are counted once each (one device that commented and sent a hearing response counts
 *   once); input without a device (a response sent without one, or a comment whose device record
 *   is gone) counts as one person each; and every ballot counts as one person, because ballots
 *   are unlinkable to devices and to each other (ADR 0006). A person who both commented and voted,
 *   or voted in two polls, therefore counts twice, and a family sharing one phone counts once.
 */
import { prisma } from "~/utils/db.server.ts";
import { getPopulation } from "~/modules/municipality/population.server.ts";
import { ageGroups, type AgeGroup } from "~/modules/polls/poll-types.ts";
import { zeroByAgeGroup, type ParticipationFigures } from "./figures.ts";

export type { ParticipationFigures } from "./figures.ts";

export async function collectFigures(consultationId: string): Promise<ParticipationFigures> {
  const consultation = await prisma.consultation.findUnique({ where: { id: consultationId }, select: { municipalityId: true } });
  if (!consultation) throw new Error(`Unknown consultation ${consultationId}`);
  return figuresOf([consultationId], consultation.municipalityId);
}

/**
 * The dashboard's figures: every consultation that was open at some time since `since` (so the
 * channel counters, which have no dates, belong to the same set as the rest). A device that
 * commented in two consultations counts once.
 */
export async function collectMunicipalityFigures(
  municipalityId: string,
  since: Date,
  now = new Date(),
): Promise<ParticipationFigures & { consultations: number }> {
  const consultations = await prisma.consultation.findMany({
    where: { municipalityId, status: { not: "draft" }, opensAt: { lte: now }, closesAt: { gte: since } },
    select: { id: true },
  });
  const ids = consultations.map((c) => c.id);
  return { ...(await figuresOf(ids, municipalityId)), consultations: ids.length };
}

async function figuresOf(consultationIds: string[], municipalityId: string): Promise<ParticipationFigures> {
  const polls = await prisma.poll.findMany({ where: { consultationId: { in: consultationIds } }, select: { id: true } });
  const pollIds = polls.map((p) => p.id);
  const [commentGroups, responses, ballotGroups, arrivals, population] = await Promise.all([
    prisma.comment.groupBy({
      by: ["participantId"],
      where: { consultationId: { in: consultationIds }, authorUserId: null, status: { not: "hidden" } },
      _count: { _all: true },
    }),
    prisma.hearingResponse.findMany({ where: { consultationId: { in: consultationIds } }, select: { participantId: true } }),
    prisma.pollBallot.groupBy({ by: ["ageGroup"], where: { pollId: { in: pollIds } }, _count: { _all: true } }),
    prisma.channelCount.findMany({
      where: {
        OR: [
          { targetType: "consultation", targetId: { in: consultationIds } },
          { targetType: "poll", targetId: { in: pollIds } },
        ],
      },
      select: { channel: true, count: true },
    }),
    getPopulation(municipalityId),
  ]);

  const devices = new Set<string>();
  let withoutDevice = 0;
  let comments = 0;
  for (const group of commentGroups) {
    comments += group._count._all;
    if (group.participantId) devices.add(group.participantId);
    else withoutDevice += group._count._all;
  }
  for (const response of responses) {
    if (response.participantId) devices.add(response.participantId);
    else withoutDevice++;
  }

  const byAgeGroup = zeroByAgeGroup();
  let pollVoters = 0;
  for (const group of ballotGroups) {
    pollVoters += group._count._all;
    if (group.ageGroup && (ageGroups as readonly string[]).includes(group.ageGroup)) byAgeGroup[group.ageGroup as AgeGroup] += group._count._all;
  }

  const byChannel: Record<string, number> = {};
  for (const row of arrivals) if (row.count > 0) byChannel[row.channel] = (byChannel[row.channel] ?? 0) + row.count;

  return {
    participants: devices.size + withoutDevice + pollVoters,
    comments,
    hearingResponses: responses.length,
    pollVoters,
    byAgeGroup,
    byChannel,
    population,
  };
}
