/**
 * The one Prisma client of the process. SQLite through better-sqlite3 in WAL mode, so readers never
 * wait for the writer, with a busy timeout (SQLITE_BUSY_TIMEOUT_MS, 5 s by default) so a short lock
 * waits instead of failing. A lock held longer than that is SQLITE_BUSY: the request is answered
 * 503 with Retry-After (see database-busy.server.ts), never a 500 and never a success.
 *
 * Durability: WAL with synchronous=NORMAL writes every commit into the WAL file before the commit
 * returns, so a process crash (SIGKILL, an out-of-memory kill) loses nothing that was answered. Only
 * a power cut or an operating-system crash can lose the last commits, which are not yet fsynced;
 * the database stays consistent either way. That is the trade we take for the vote's throughput
 * (see docs/decisions/0012-faults-and-shutdown.md).
 */
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "./env.server.ts";

export function sqlitePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
}

function createClient() {
  const env = getEnv();
  const adapter = new PrismaBetterSqlite3({
    url: sqlitePath(env.DATABASE_URL),
    timeout: env.SQLITE_BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __raadslagPrisma?: ReturnType<typeof createClient> };

export const prisma = (globalForPrisma.__raadslagPrisma ??= createClient());

/** Pragmas that belong to the database file; WAL persists once set. */
export async function tuneDatabase() {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

const busyCodes = /^SQLITE_(BUSY|LOCKED)/;

/**
 * Whether an error means another writer held the database longer than the busy timeout: SQLite's
 * own error (better-sqlite3, as the ballot writer sees it) or Prisma's wrapping of it (P1008 with
 * the driver adapter's original code). Such a write did not happen and may simply be tried again.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | null | undefined, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (typeof e.code === "string" && busyCodes.test(e.code)) return true;
    const adapterCause = (e.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause;
    if (typeof adapterCause?.originalCode === "string" && busyCodes.test(adapterCause.originalCode)) return true;
    const ownCause = (e as { cause?: { originalCode?: unknown } }).cause;
    if (typeof ownCause?.originalCode === "string" && busyCodes.test(ownCause.originalCode)) return true;
    e = e.cause as Record<string, unknown> | undefined;
  }
  return false;
}
