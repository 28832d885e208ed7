/**
 * The vote's write path, kept off the ORM: a ballot and its answers are written with prepared
 * SQLite statements on a connection of their own, many votes to a transaction (group commit, below). A vote is the hottest write in the product (a class,
 * a school, a story with reach), and the ORM's per-query overhead was most of its cost.
 * The unique (poll, voter) index stays the one-vote rule.
 *
 * On PostgreSQL the same interface (writeBallot, flushBallots, closeBallotDatabase) is served by
 * ballot-writer-postgres.server.ts; the provider is looked up once.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { databaseProvider, isDatabaseBusy, sqlitePath } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { createPostgresBallotWriter } from "./ballot-writer-postgres.server.ts";

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
  // No waiting inside SQLite: its busy wait would block the whole event loop, including the ORM's
  // transaction that may be the one holding the lock. A busy write is retried from a timer instead
  // (flush, below), for up to SQLITE_BUSY_TIMEOUT_MS.
  connection = new Database(sqlitePath(getEnv().DATABASE_URL), { timeout: 0 });
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  // As on the ORM's connection: a ballot can only point at a poll, question and option that exist.
  connection.pragma("foreign_keys = ON");
  return connection;
}

export type WriteResult = { ok: true; id: string } | { ok: false; reason: "duplicate" };
type Pending = {
  ballot: BallotToWrite;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
  /** When this vote first found the database locked (Date.now()); unset on the usual path. */
  busySince?: number;
};

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
  // BEGIN IMMEDIATE: the write lock is taken first, so a locked database fails at BEGIN, before
  // anything is written, and the retry below is always safe.
  writeOne = db.transaction(one).immediate;
  writeMany = db.transaction((batch: Pending[]) => batch.map((p) => one(p.ballot))).immediate;
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
 *
 * When another connection holds the write lock, the batch goes back to the front of the queue and
 * is tried again a few milliseconds later, with whatever votes arrived meanwhile. A vote that has
 * waited longer than SQLITE_BUSY_TIMEOUT_MS is rejected with the busy error (answered 503 with
 * Retry-After): it was not written, and it is never answered as if it had been.
 */
let queue: Pending[] = [];
let flushScheduled = false;
let busyRetries = 0;
const drained = new Set<() => void>();

function flush() {
  flushScheduled = false;
  const batch = queue;
  queue = [];
  const { writeOne, writeMany } = writers();
  let results: WriteResult[] | null = null;
  try {
    results = writeMany(batch);
  } catch (error) {
    if (isDatabaseBusy(error)) return retryLater(batch, error);
    // One bad vote must not fail the others: the batch was rolled back, write them one by one.
  }
  const locked: Pending[] = [];
  let lockError: unknown;
  batch.forEach((pending, i) => {
    if (results) return pending.resolve(results[i]);
    try {
      pending.resolve(writeOne(pending.ballot));
    } catch (error) {
      if (!isDatabaseBusy(error)) return pending.reject(error);
      locked.push(pending);
      lockError = error;
    }
  });
  if (locked.length > 0) return retryLater(locked, lockError);
  busyRetries = 0;
  if (queue.length === 0) for (const done of drained) done();
}

function retryLater(batch: Pending[], error: unknown) {
  const now = Date.now();
  const limit = getEnv().SQLITE_BUSY_TIMEOUT_MS;
  const waiting: Pending[] = [];
  for (const pending of batch) {
    pending.busySince ??= now;
    if (now - pending.busySince >= limit) pending.reject(error);
    else waiting.push(pending);
  }
  queue = waiting.concat(queue);
  if (queue.length === 0) {
    busyRetries = 0;
    for (const done of drained) done();
    return;
  }
  // 2, 4, 8 … ms, then every 50 ms: a short lock costs little delay, a long one little CPU.
  const delay = Math.min(50, 2 ** ++busyRetries);
  flushScheduled = true;
  setTimeout(flush, delay);
}

let postgresWriter: ReturnType<typeof createPostgresBallotWriter> | null | undefined;
/** The PostgreSQL writer when DATABASE_URL is PostgreSQL; null on SQLite. Decided once. */
function postgres() {
  if (postgresWriter === undefined) postgresWriter = databaseProvider() === "postgresql" ? createPostgresBallotWriter(newId) : null;
  return postgresWriter;
}

/** Writes the ballot, committed when this resolves; "duplicate" when this voter has already voted on this poll. */
export function writeBallot(ballot: BallotToWrite): Promise<WriteResult> {
  if (postgres()) return postgresWriter!.write(ballot);
  return new Promise((resolve, reject) => {
    queue.push({ ballot, resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
}

/**
 * Resolves once every vote handed to writeBallot so far is committed or refused (shutdown: no vote
 * in the queue is lost to the exit).
 */
export function flushBallots(): Promise<void> {
  if (postgres()) return postgresWriter!.flushed();
  if (queue.length === 0 && !flushScheduled) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      drained.delete(done);
      resolve();
    };
    drained.add(done);
  });
}

/**
 * Closes the ballots' connection (after flushBallots), so the WAL is checkpointed at exit. On
 * PostgreSQL the writer has no connection of its own: the pool closes with the Prisma client.
 */
export function closeBallotDatabase() {
  connection?.close();
  connection = undefined;
  writeOne = undefined;
  writeMany = undefined;
}
