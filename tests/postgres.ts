/**
 * The PostgreSQL suite's database: a fresh, uniquely named database per test file on the server
 * TEST_POSTGRES_URL points at (its role needs CREATEDB), migrated with the real Prisma CLI through
 * the PostgreSQL config, and dropped afterwards. Without TEST_POSTGRES_URL the suite is skipped,
 * and says so.
 *
 *   TEST_POSTGRES_URL=postgresql://raadslag:raadslag@127.0.0.1:5432/raadslag npx vitest run tests/*.pg.test.ts
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";

export const testPostgresUrl = process.env.TEST_POSTGRES_URL || undefined;

/** Call at the top of a *.pg.test.ts file, so a skipped suite is visible in the output. */
export function announceSkipped(suite: string) {
  if (!testPostgresUrl) {
    console.warn(`[postgres] SKIPPED: ${suite}. Set TEST_POSTGRES_URL (a role with CREATEDB) to run the PostgreSQL suite.`);
  }
}

export const prismaCli = path.resolve("node_modules/prisma/build/index.js");

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the Prisma CLI against the given database, as the server does at start. */
export function prisma(args: string[], databaseUrl: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
  // Let prisma.config.ts choose the engine and the provider's files, as it does for everyone.
  delete env.PRISMA_SCHEMA_ENGINE_BINARY;
  return new Promise((resolve) => {
    execFile(process.execPath, [prismaCli, ...args], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The same server and role, another database. */
export function urlForDatabase(baseUrl: string, database: string) {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { name: string; url: string; migrate: CliResult; drop: () => Promise<void> };

/**
 * Creates an empty database and applies prisma/postgresql/migrations to it with
 * `prisma migrate deploy` (unless told not to); `migrate` holds what the CLI said.
 */
export async function createTestDatabase(label: string, { migrate: applyMigrations = true } = {}): Promise<TestDatabase> {
  if (!testPostgresUrl) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `raadslag_test_${label}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = urlForDatabase(testPostgresUrl, name);
  const migrate = applyMigrations ? await prisma(["migrate", "deploy"], url) : { code: 0, stdout: "", stderr: "" };
  return {
    name,
    url,
    migrate,
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * Points this test file's process at the database, before any app module is imported: the
 * Prisma client and the configuration are read once per process. Import app modules with
 * `await import(…)` after calling this.
 */
export function useDatabase(url: string) {
  process.env.DATABASE_URL = url;
}
