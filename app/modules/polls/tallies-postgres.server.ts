/**
 * A poll's tallies on PostgreSQL (tallies.server.ts chooses this by DATABASE_URL). The SQLite
 * path adds up only the ballots after the last rowid it counted; that relies on rowids growing
 * in commit order, which holds on SQLite (one writer at a time) but not on PostgreSQL, where
 * several processes commit at once and a lower id may commit after a higher one is visible.
 * So the whole poll is counted with one aggregate (one statement, one snapshot, over the
 * (poll, voter) and ballot indexes), and the result is kept for a second: live results are
 * pushed a few times a second, and page views of a busy poll would otherwise count again each.
 * A vote from this process drops its poll's entry, so a voter sees their own vote at once;
 * votes through other processes show within the second.
 */
import { subscribe } from "~/modules/domain-events.server.ts";
import { postgresPool } from "~/utils/db.server.ts";
import type { Tallies } from "./tallies.server.ts";

const cacheMs = 1000;

type Entry = { at: number; tallies: Promise<Tallies> };
const cache = new Map<string, Entry>();

const TALLY = `SELECT 'ballots' AS "kind", "channel" AS "key", "ageGroup" AS "ageGroup", count(*)::int AS "n"
    FROM "PollBallot" WHERE "pollId" = $1 GROUP BY "channel", "ageGroup"
  UNION ALL
  SELECT 'answers', a."optionId", NULL, count(*)::int
    FROM "PollAnswer" AS a JOIN "PollBallot" AS b ON b."id" = a."ballotId"
    WHERE b."pollId" = $1 GROUP BY a."optionId"`;

async function count(pollId: string): Promise<Tallies> {
  const { rows } = await postgresPool().query<{ kind: string; key: string; ageGroup: string | null; n: number }>(TALLY, [pollId]);
  const tallies: Tallies = { votes: {}, totalVoters: 0, channels: {}, ageGroups: {} };
  for (const row of rows) {
    if (row.kind === "answers") {
      tallies.votes[row.key] = row.n;
      continue;
    }
    tallies.totalVoters += row.n;
    tallies.channels[row.key] = (tallies.channels[row.key] ?? 0) + row.n;
    if (row.ageGroup) tallies.ageGroups[row.ageGroup] = (tallies.ageGroups[row.ageGroup] ?? 0) + row.n;
  }
  return tallies;
}

let listening = false;

/** Counts per option, voters, and voters per channel and age group, at most a second old. */
export async function readTalliesPostgres(pollId: string, now = Date.now()): Promise<Tallies> {
  if (!listening) {
    listening = true;
    subscribe("poll.voted", ({ pollId: voted }) => void cache.delete(voted));
  }
  let entry = cache.get(pollId);
  if (!entry || now - entry.at >= cacheMs) {
    // Reads that arrive while a count is under way share it.
    entry = { at: now, tallies: count(pollId) };
    cache.set(pollId, entry);
    const settled = entry;
    entry.tallies.catch(() => {
      if (cache.get(pollId) === settled) cache.delete(pollId);
    });
  }
  const t = await entry.tallies;
  return { votes: { ...t.votes }, totalVoters: t.totalVoters, channels: { ...t.channels }, ageGroups: { ...t.ageGroups } };
}

export function forgetTalliesPostgres(pollId?: string) {
  if (pollId) cache.delete(pollId);
  else cache.clear();
}
