/**
 * How the people who gave their age compare with the people who live here: each age group's share
 * of participants beside its share of residents, and their ratio (the representation index).
 * 1 means the group spoke in proportion to its size; 3 means three times its share of voices.
 * Pure and client-safe, so the charts and the tests use the same sums.
 */
import { ageGroups, type AgeGroup } from "~/modules/polls/poll-types.ts";

/** A group this much above or below its share of residents is pointed out. */
export const overRepresentedAt = 1.5;
export const underRepresentedAt = 0.67;
/**
 * Below this many answers a share moves by whole percentage points with every voice, so no
 * group is called over- or under-represented yet.
 */
export const minimumAnswersToJudge = 20;

export type Representation = "over" | "under" | "proportional";

export type AgeGroupRow = {
  ageGroup: AgeGroup;
  participants: number;
  /** 0–1 of those who gave an age group. */
  participantShare: number;
  residents: number | null;
  /** 0–1 of residents aged 13 or over (the groups the polls ask about); null without population figures. */
  residentShare: number | null;
  /** participantShare ÷ residentShare; null when it cannot be told (no figures, or no residents). */
  index: number | null;
  /** Null while there are too few answers, or no population figures, to judge. */
  representation: Representation | null;
};

export type RepresentationSummary = {
  rows: AgeGroupRow[];
  /** Participants who gave an age group. */
  answered: number;
  totalResidents: number | null;
  /** Whether there were enough answers to point out groups. */
  judged: boolean;
  over: AgeGroup[];
  under: AgeGroup[];
};

export function share(part: number, whole: number) {
  return whole > 0 ? part / whole : 0;
}

export function classify(index: number | null): Representation | null {
  if (index === null) return null;
  if (index >= overRepresentedAt) return "over";
  if (index <= underRepresentedAt) return "under";
  return "proportional";
}

export function representation(byAgeGroup: Record<AgeGroup, number>, population: Record<AgeGroup, number> | null): RepresentationSummary {
  const answered = ageGroups.reduce((sum, g) => sum + (byAgeGroup[g] ?? 0), 0);
  const totalResidents = population ? ageGroups.reduce((sum, g) => sum + (population[g] ?? 0), 0) : null;
  const judged = answered >= minimumAnswersToJudge && !!totalResidents;
  const rows = ageGroups.map((ageGroup): AgeGroupRow => {
    const participants = byAgeGroup[ageGroup] ?? 0;
    const participantShare = share(participants, answered);
    const residents = population ? (population[ageGroup] ?? 0) : null;
    const residentShare = residents !== null && totalResidents ? share(residents, totalResidents) : null;
    const index = answered > 0 && residentShare ? participantShare / residentShare : null;
    return { ageGroup, participants, participantShare, residents, residentShare, index, representation: judged ? classify(index) : null };
  });
  return {
    rows,
    answered,
    totalResidents,
    judged,
    over: rows.filter((r) => r.representation === "over").map((r) => r.ageGroup),
    under: rows.filter((r) => r.representation === "under").map((r) => r.ageGroup),
  };
}

/** Channels by arrivals, largest first; ties in the channel's name order, so the chart is stable. */
export function channelRows(byChannel: Record<string, number>) {
  const total = Object.values(byChannel).reduce((sum, n) => sum + n, 0);
  return {
    total,
    rows: Object.entries(byChannel)
      .filter(([, n]) => n > 0)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([channel, arrivals]) => ({ channel, arrivals, share: share(arrivals, total) })),
  };
}
