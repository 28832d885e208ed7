import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrationsPending } from "./pending-migrations.mjs";

describe("a process starting beside running ones", () => {
  let dir: string;
  let migrations: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-pending-"));
    migrations = path.join(dir, "migrations");
    for (const name of ["20260101000000_init", "20260201000000_polls"]) fs.mkdirSync(path.join(migrations, name), { recursive: true });
    file = path.join(dir, "app.db");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function applied(...names: string[]) {
    const db = new Database(file);
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" TEXT PRIMARY KEY, "migration_name" TEXT NOT NULL, "finished_at" DATETIME, "rolled_back_at" DATETIME)`);
    for (const name of names) db.prepare(`INSERT INTO "_prisma_migrations" VALUES (?, ?, '2026-01-01', NULL)`).run(name, name);
    db.close();
  }

  it("does not ask for the migration engine's exclusive lock when every migration is applied", () => {
    applied("20260101000000_init", "20260201000000_polls");
    expect(migrationsPending(`file:${file}`, migrations)).toBe(false);
  });

  it("migrates a new database, one that lacks a migration, and PostgreSQL (which locks by itself)", () => {
    expect(migrationsPending(`file:${file}`, migrations)).toBe(true);
    applied("20260101000000_init");
    expect(migrationsPending(`file:${file}`, migrations)).toBe(true);
    expect(migrationsPending("postgresql://raadslag@127.0.0.1:5432/raadslag", migrations)).toBe(true);
  });
});
