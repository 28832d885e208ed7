/**
 * The vote's write path, kept off the ORM: a ballot and its answers go in one prepared SQLite
 * transaction on a connection of their own. A vote is the hottest write in the product (a class,
 * a school, a story with reach), and the ORM's per-query overhead was most of its cost.
 * The unique (poll, voter) index stays the one-vote rule.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { sqlitePath } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export type BallotToWrite = {
  pollId: string;
  voterHash: string;
  ageGroup: string | null;
  channel: string;
  createdAt: Date;
  answers: { questionId: string; optionId: string }[];
};

let connection: Database.Database | undefined;
let write: ((ballot: BallotToWrite, id: string) => void) | undefined;

/** The ballots' own connection: the vote's writes and the running tallies' reads. */
export function ballotDatabase() {
  if (connection) return connection;
  connection = new Database(sqlitePath(getEnv().DATABASE_URL), { timeout: 5000 });
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  return connection;
}

function writer() {
  if (write) return write;
  const db = ballotDatabase();
  const insertBallot = db.prepare(
    'INSERT INTO "PollBallot" ("id", "pollId", "voterHash", "ageGroup", "channel", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAnswer = db.prepare('INSERT INTO "PollAnswer" ("id", "ballotId", "questionId", "optionId") VALUES (?, ?, ?, ?)');
  write = db.transaction((ballot: BallotToWrite, id: string) => {
    // The same text form the ORM writes, so its reads and sorts see one format.
    insertBallot.run(id, ballot.pollId, ballot.voterHash, ballot.ageGroup, ballot.channel, ballot.createdAt.toISOString().replace("Z", "+00:00"));
    for (const answer of ballot.answers) insertAnswer.run(newId(), id, answer.questionId, answer.optionId);
  });
  return write;
}

function newId() {
  return `v${crypto.randomBytes(12).toString("hex")}`;
}

/** Writes the ballot; "duplicate" when this voter has already voted on this poll. */
export function writeBallot(ballot: BallotToWrite): { ok: true; id: string } | { ok: false; reason: "duplicate" } {
  const id = newId();
  try {
    writer()(ballot, id);
    return { ok: true, id };
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return { ok: false, reason: "duplicate" };
    throw error;
  }
}
