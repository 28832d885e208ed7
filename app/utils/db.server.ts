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
 *
 * With a postgres(ql):// DATABASE_URL the same client talks to PostgreSQL instead, through a pg
 * pool of DATABASE_POOL_SIZE connections (docs/decisions/0014-postgresql.md).
 */
import path from "node:path";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgres/client.ts";
import { getEnv } from "./env.server.ts";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a URL names: `file:` is SQLite, `postgres://` and `postgresql://` PostgreSQL. */
export function providerOf(databaseUrl: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** The provider of this process's database; the code paths that differ ask this. */
export function databaseProvider(): DatabaseProvider {
  return providerOf(getEnv().DATABASE_URL);
}

export function sqlitePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
}

const globalForPrisma = globalThis as unknown as { __raadslagPrisma?: PrismaClient; __raadslagPgPool?: pg.Pool };

/**
 * The pg pool behind the client on PostgreSQL, shared with the code that writes SQL of its own
 * (the ballot writer, the outbox's claim), so the process never holds more than
 * DATABASE_POOL_SIZE connections.
 */
export function postgresPool(): pg.Pool {
  if (globalForPrisma.__raadslagPgPool) return globalForPrisma.__raadslagPgPool;
  const env = getEnv();
  if (providerOf(env.DATABASE_URL) !== "postgresql") throw new Error("postgresPool() is for a PostgreSQL DATABASE_URL");
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process;
  // the pool opens a new one on the next query.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL connection failed:", error.message));
  return (globalForPrisma.__raadslagPgPool = pool);
}

function createClient(): PrismaClient {
  const env = getEnv();
  if (providerOf(env.DATABASE_URL) === "postgresql") {
    // $disconnect() ends the pool (shutdown), after the ballot writer's last batch.
    const adapter = new PrismaPg(postgresPool(), { disposeExternalPool: true });
    // Typed as the SQLite client, so no call site depends on the provider. Both clients are
    // generated from the same models (prisma/postgresql/schema.prisma is generated from
    // prisma/schema.prisma, and a test fails when they drift), so their model APIs are the same;
    // the PostgreSQL client only accepts a little more (e.g. `mode: "insensitive"`), which the app
    // does not use because SQLite would not accept it.
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSqlite3({
    url: sqlitePath(env.DATABASE_URL),
    timeout: env.SQLITE_BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

export const prisma = (globalForPrisma.__raadslagPrisma ??= createClient());

/** Pragmas that belong to the SQLite file; WAL persists once set. PostgreSQL needs none. */
export async function tuneDatabase() {
  if (databaseProvider() !== "sqlite") return;
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

// SQLite: another writer held the lock. PostgreSQL: the transaction lost a serialization or lock
// conflict (40001, 40P01, 55P03) and was rolled back, so it, too, may simply be tried again.
const busyCodes = /^(SQLITE_(BUSY|LOCKED)|40001$|40P01$|55P03$)/;

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
