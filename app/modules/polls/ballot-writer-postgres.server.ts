/**
 * The vote's write path on PostgreSQL (ballot-writer.server.ts chooses it by DATABASE_URL): the
 * same group commit as on SQLite, through the pg pool the Prisma client also uses. Votes that
 * arrive in the same turn of the event loop are written by two statements in one transaction:
 * the ballots with `INSERT … ON CONFLICT ("pollId", "voterHash") DO NOTHING RETURNING "id"`, then
 * the answers of the ballots that were written. The unique (poll, voter) index is the one-vote
 * rule here too, across every process: a second ballot waits for the first one's transaction and
 * is then skipped, and its caller is told "duplicate", exactly as on SQLite.
 */
import type pg from "pg";
import { postgresPool } from "~/utils/db.server.ts";
import type { BallotToWrite, WriteResult } from "./ballot-writer.server.ts";

type Pending = {
  ballot: BallotToWrite;
  id: string;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
};

const INSERT_BALLOTS = `INSERT INTO "PollBallot" ("id", "pollId", "voterHash", "ageGroup", "channel", "createdAt")
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[])
  ON CONFLICT ("pollId", "voterHash") DO NOTHING
  RETURNING "id"`;
const INSERT_ANSWERS = `INSERT INTO "PollAnswer" ("id", "ballotId", "questionId", "optionId")
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`;

/** Writes the batch in one transaction; the ids of the ballots that were new. */
async function writeBatch(pool: pg.Pool, batch: Pending[], newId: () => string): Promise<Set<string>> {
  // The same order in every process, so two batches that lock the same (poll, voter) keys take
  // them in the same order and cannot deadlock.
  const key = (p: Pending) => `${p.ballot.pollId}\u0000${p.ballot.voterHash}`;
  const ordered = [...batch].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const written = await client.query<{ id: string }>(INSERT_BALLOTS, [
      ordered.map((p) => p.id),
      ordered.map((p) => p.ballot.pollId),
      ordered.map((p) => p.ballot.voterHash),
      ordered.map((p) => p.ballot.ageGroup),
      ordered.map((p) => p.ballot.channel),
      // The timestamp column holds UTC, as the Prisma client writes it. A string, because pg
      // would turn a Date into the server process's local time.
      ordered.map((p) => p.ballot.createdAt.toISOString()),
    ]);
    const ids = new Set(written.rows.map((r) => r.id));
    const answers = ordered.filter((p) => ids.has(p.id)).flatMap((p) => p.ballot.answers.map((a) => [newId(), p.id, a.questionId, a.optionId]));
    if (answers.length > 0) {
      await client.query(INSERT_ANSWERS, [0, 1, 2, 3].map((i) => answers.map((row) => row[i])));
    }
    await client.query("COMMIT");
    return ids;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function createPostgresBallotWriter(newId: () => string) {
  let queue: Pending[] = [];
  let flushScheduled = false;
  let inFlight = 0;
  const drained = new Set<() => void>();

  const settle = (batch: Pending[], ids: Set<string>) => {
    for (const p of batch) p.resolve(ids.has(p.id) ? { ok: true, id: p.id } : { ok: false, reason: "duplicate" });
  };

  const flush = async () => {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    inFlight++;
    const pool = postgresPool();
    try {
      try {
        settle(batch, await writeBatch(pool, batch, newId));
      } catch {
        // One bad vote (an option that no longer exists) must not fail the others: the batch was
        // rolled back, so write them one by one.
        for (const pending of batch) {
          try {
            settle([pending], await writeBatch(pool, [pending], newId));
          } catch (error) {
            pending.reject(error);
          }
        }
      }
    } finally {
      inFlight--;
      if (queue.length === 0 && inFlight === 0 && !flushScheduled) for (const done of drained) done();
    }
  };

  return {
    write(ballot: BallotToWrite): Promise<WriteResult> {
      return new Promise((resolve, reject) => {
        queue.push({ ballot, id: newId(), resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(() => void flush());
        }
      });
    },
    flushed(): Promise<void> {
      if (queue.length === 0 && !flushScheduled && inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          drained.delete(done);
          resolve();
        };
        drained.add(done);
      });
    },
  };
}
