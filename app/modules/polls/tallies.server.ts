/**
 * A poll's tallies, kept running: each read adds only the ballots written since the last read
 * instead of counting the whole poll again. Live results are pushed several times a second while
 * a poll is busy, and a full count grows with every vote (at 20,000 ballots it cost more CPU than
 * the votes themselves).
 *
 * New ballots are found by SQLite's rowid, which only grows while rows are only added: writes are
 * serialised, so no ballot with a lower rowid can commit after one with a higher. Anything that
 * removes ballots must call `forgetTallies`, and the next read counts the poll afresh.
 *
 * On PostgreSQL that ordering does not hold; tallies-postgres.server.ts counts instead.
 */
import type { Statement } from "better-sqlite3";
import { databaseProvider } from "~/utils/db.server.ts";
import { ballotDatabase } from "./ballot-writer.server.ts";
import { forgetTalliesPostgres, readTalliesPostgres } from "./tallies-postgres.server.ts";

export type Tallies = {
  /** Answers per option id (a multiple-choice ballot counts once for every option chosen). */
  votes: Record<string, number>;
  totalVoters: number;
  channels: Record<string, number>;
  ageGroups: Record<string, number>;
};

type Running = Tallies & { lastRowid: number };

const running = new Map<string, Running>();
let statements: { newest: Statement; ballots: Statement; answers: Statement } | undefined;

function prepared() {
  if (statements) return statements;
  const db = ballotDatabase();
  statements = {
    newest: db.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM "PollBallot"`),
    // NOT INDEXED walks the table by rowid from where the last read stopped, instead of every
    // ballot of the poll through the (poll, …) indexes.
    ballots: db.prepare(
      `SELECT "channel", "ageGroup", count(*) AS n FROM "PollBallot" NOT INDEXED
       WHERE rowid > ? AND rowid <= ? AND "pollId" = ? GROUP BY "channel", "ageGroup"`,
    ),
    answers: db.prepare(
      `SELECT a."optionId" AS optionId, count(*) AS n FROM "PollBallot" AS b NOT INDEXED
       JOIN "PollAnswer" AS a ON a."ballotId" = b."id"
       WHERE b.rowid > ? AND b.rowid <= ? AND b."pollId" = ? GROUP BY a."optionId"`,
    ),
  };
  return statements;
}

let onPostgres: boolean | undefined;

/** Counts per option, voters, and voters per channel and age group, as of now. */
export function readTallies(pollId: string): Promise<Tallies> {
  if ((onPostgres ??= databaseProvider() === "postgresql")) return readTalliesPostgres(pollId);
  return Promise.resolve(readSqliteTallies(pollId));
}

function readSqliteTallies(pollId: string): Tallies {
  const db = ballotDatabase();
  const { newest, ballots, answers } = prepared();
  const state = running.get(pollId) ?? { lastRowid: 0, votes: {}, totalVoters: 0, channels: {}, ageGroups: {} };
  // One read transaction, so the ballots and their answers are counted from the same snapshot.
  db.transaction(() => {
    const upTo = (newest.get() as { m: number }).m;
    if (upTo <= state.lastRowid) return;
    for (const row of ballots.all(state.lastRowid, upTo, pollId) as { channel: string; ageGroup: string | null; n: number }[]) {
      state.totalVoters += row.n;
      state.channels[row.channel] = (state.channels[row.channel] ?? 0) + row.n;
      if (row.ageGroup) state.ageGroups[row.ageGroup] = (state.ageGroups[row.ageGroup] ?? 0) + row.n;
    }
    for (const row of answers.all(state.lastRowid, upTo, pollId) as { optionId: string; n: number }[]) {
      state.votes[row.optionId] = (state.votes[row.optionId] ?? 0) + row.n;
    }
    state.lastRowid = upTo;
  })();
  running.set(pollId, state);
  return { votes: { ...state.votes }, totalVoters: state.totalVoters, channels: { ...state.channels }, ageGroups: { ...state.ageGroups } };
}

/** Drops running tallies (one poll's, or all) so the next read counts afresh; for removed ballots. */
export function forgetTallies(pollId?: string) {
  forgetTalliesPostgres(pollId);
  if (pollId) running.delete(pollId);
  else running.clear();
}
