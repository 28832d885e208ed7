// Runs the real Prisma CLI against a throwaway SQLite file, with prisma.config.ts pointing the
// CLI at the schema-engine forwarder beside this file. Catches two things: the forwarder no
// longer working (so migrations would need the downloadable native engine again), and
// prisma/schema.prisma changing without a matching migration in prisma/migrations.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const prismaCli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");

type CliResult = { code: number; stdout: string; stderr: string };

function prisma(args: string[], databaseUrl: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    // An unreachable proxy makes any attempt to download an engine fail loudly instead of
    // quietly succeeding on a machine that happens to be online.
    HTTP_PROXY: "http://127.0.0.1:9",
    HTTPS_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  // Let prisma.config.ts choose the engine, as it does for developers.
  delete env.PRISMA_SCHEMA_ENGINE_BINARY;
  delete env.PRISMA_MIGRATION_ENGINE_BINARY;

  return new Promise((resolve) => {
    execFile(process.execPath, [prismaCli, ...args], { cwd: projectRoot, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const output = ({ stdout, stderr }: CliResult) => `${stdout}\n${stderr}`.trim();

describe("database migrations (Prisma CLI with the WebAssembly schema engine)", () => {
  let dir: string;
  let databaseUrl: string;
  let databaseFile: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "raadslag-migrations-"));
    databaseFile = path.join(dir, "test.db");
    databaseUrl = `file:${databaseFile}`;
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrations apply to an empty database without downloading an engine", async () => {
    const result = await prisma(["migrate", "deploy"], databaseUrl);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain("All migrations have been successfully applied.");

    const db = new Database(databaseFile, { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => (row as { name: string }).name);
      expect(tables).toEqual(
        expect.arrayContaining([
          "_prisma_migrations",
          "Municipality",
          "User",
          "Session",
          "Consultation",
          "ConsultationDocument",
          "OutcomeReport",
          "OutcomePoint",
        ]),
      );
      const unfinished = db
        .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL OR rolled_back_at IS NOT NULL")
        .all();
      expect(unfinished).toEqual([]);
    } finally {
      db.close();
    }
  }, 20_000);

  it("the migrations match the Prisma schema", async () => {
    const result = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      databaseUrl,
    );
    // Exit code 2 means the schema has changes that no migration covers.
    const hint =
      "prisma/schema.prisma has changes that no migration in prisma/migrations covers. " +
      "Run `npx prisma migrate dev --name <change>` and commit the new migration.";
    expect(result.code, `${hint}\n${output(result)}`).toBe(0);
    expect(result.stdout).toContain("No difference detected.");
  }, 20_000);
});
