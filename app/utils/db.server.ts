/**
 * The one Prisma client of the process. SQLite through better-sqlite3 in WAL mode, so readers never
 * wait for the writer, with a busy timeout so a short lock waits instead of failing.
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
  const adapter = new PrismaBetterSqlite3({
    url: sqlitePath(getEnv().DATABASE_URL),
    timeout: 5000,
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
