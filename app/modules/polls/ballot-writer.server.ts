/**
 * The vote's write path, kept off the ORM: a ballot and its answers are written with prepared
 * SQLite statements on a connection of their own, many votes to a transaction (group commit, below). A vote is the hottest write in the product (a class,
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

/** The ballots' own connection: the vote's writes and the running tallies' reads. */
export function ballotDatabase() {
  if (connection) return connection;
  connection = new Database(sqlitePath(getEnv().DATABASE_URL), { timeout: 5000 });
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  // As on the ORM's connection: a ballot can only point at a poll, question and option that exist.
  connection.pragma("foreign_keys = ON");
  return connection;
}

type WriteResult = { ok: true; id: string } | { ok: false; reason: "duplicate" };
type Pending = { ballot: BallotToWrite; resolve: (result: WriteResult) => void; reject: (error: unknown) => void };

let writeOne: ((ballot: BallotToWrite) => WriteResult) | undefined;
let writeMany: ((batch: Pending[]) => WriteResult[]) | undefined;

function writers() {
  if (writeOne && writeMany) return { writeOne, writeMany };
  const db = ballotDatabase();
  // The one-vote rule is the (poll, voter) unique index: a second ballot is skipped, not an error,
  // so one voter's duplicate cannot fail the other votes committed with it.
  const insertBallot = db.prepare(
    `INSERT INTO "PollBallot" ("id", "pollId", "voterHash", "ageGroup", "channel", "createdAt") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("pollId", "voterHash") DO NOTHING`,
  );
  const insertAnswer = db.prepare('INSERT INTO "PollAnswer" ("id", "ballotId", "questionId", "optionId") VALUES (?, ?, ?, ?)');
  const one = (ballot: BallotToWrite): WriteResult => {
    const id = newId();
    // The same text form the ORM writes, so its reads and sorts see one format.
    const created = insertBallot.run(id, ballot.pollId, ballot.voterHash, ballot.ageGroup, ballot.channel, ballot.createdAt.toISOString().replace("Z", "+00:00"));
    if (created.changes === 0) return { ok: false, reason: "duplicate" };
    for (const answer of ballot.answers) insertAnswer.run(newId(), id, answer.questionId, answer.optionId);
    return { ok: true, id };
  };
  writeOne = db.transaction(one);
  writeMany = db.transaction((batch: Pending[]) => batch.map((p) => one(p.ballot)));
  return { writeOne, writeMany };
}

// Ballot ids need to be unique, not secret: a random prefix per process and a counter.
const idPrefix = `v${crypto.randomBytes(6).toString("hex")}`;
let idCounter = 0;
function newId() {
  return `${idPrefix}${(idCounter++).toString(36)}`;
}

/**
 * Group commit: votes that arrive in the same turn of the event loop are written in one
 * transaction, committed before any of them is answered. A busy poll's votes then share one WAL
 * commit instead of paying for one each; a lone vote waits for nothing but the current turn.
 */
let queue: Pending[] = [];
let flushScheduled = false;

function flush() {
  flushScheduled = false;
  const batch = queue;
  queue = [];
  const { writeOne, writeMany } = writers();
  let results: WriteResult[] | null = null;
  try {
    results = writeMany(batch);
  } catch {
    // One bad vote must not fail the others: the batch was rolled back, write them one by one.
  }
  batch.forEach((pending, i) => {
    if (results) return pending.resolve(results[i]);
    try {
      pending.resolve(writeOne(pending.ballot));
    } catch (error) {
      pending.reject(error);
    }
  });
}

/** Writes the ballot, committed when this resolves; "duplicate" when this voter has already voted on this poll. */
export function writeBallot(ballot: BallotToWrite): Promise<WriteResult> {
  return new Promise((resolve, reject) => {
    queue.push({ ballot, resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
}
