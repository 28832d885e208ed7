/**
 * Who took part, in numbers: the shape shared by the staff dashboard, the outcome report (which
 * freezes it as JSON when the outcome is published) and the print summary. Client-safe: no
 * database here, so pages can read a frozen snapshot with the same type.
 */
import { ageGroups, type AgeGroup } from "~/modules/polls/poll-types.ts";

export type ParticipationFigures = {
  /** People who took part, as well as can be told without identifying anyone (see figures.server.ts). */
  participants: number;
  /** Citizens' comments and replies received, except those a moderator hid under the house rules. */
  comments: number;
  /** Formal hearing responses received, whatever their publication choice: all are read. */
  hearingResponses: number;
  /** Ballots cast in the consultation's polls. */
  pollVoters: number;
  /** Ballots per age group; ballots without an age group are in pollVoters only. */
  byAgeGroup: Record<AgeGroup, number>;
  /** Arrivals per channel (snapchat, qr, web, …) from shared links and codes. */
  byChannel: Record<string, number>;
  /** The municipality's residents per age group, or null when an admin has not entered them. */
  population: Record<AgeGroup, number> | null;
};

export function zeroByAgeGroup(): Record<AgeGroup, number> {
  return Object.fromEntries(ageGroups.map((g) => [g, 0])) as Record<AgeGroup, number>;
}

function count(value: unknown) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

function byGroup(value: unknown): Record<AgeGroup, number> {
  const source = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(ageGroups.map((g) => [g, count(source[g])])) as Record<AgeGroup, number>;
}

/**
 * Reads figures frozen as JSON (OutcomeReport.figures). A snapshot written by an older version, or
 * damaged by hand, still renders: missing numbers read as zero, and unreadable JSON as no figures.
 */
export function parseFigures(json: string | null | undefined): ParticipationFigures | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const channels = (r.byChannel && typeof r.byChannel === "object" ? r.byChannel : {}) as Record<string, unknown>;
  return {
    participants: count(r.participants),
    comments: count(r.comments),
    hearingResponses: count(r.hearingResponses),
    pollVoters: count(r.pollVoters),
    byAgeGroup: byGroup(r.byAgeGroup),
    byChannel: Object.fromEntries(Object.entries(channels).map(([k, v]) => [k, count(v)])),
    population: r.population && typeof r.population === "object" ? byGroup(r.population) : null,
  };
}
