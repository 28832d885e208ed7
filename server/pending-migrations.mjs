// Whether `prisma migrate deploy` has anything to do on a SQLite database. The migration engine
// takes an exclusive lock on the file, which it cannot get while another server process has the
// database open (several processes, docs/deploy.md): a process that starts beside running ones
// must not ask for it when every migration is applied already.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../prisma/schema-engine/sqlite.mjs";

/** True unless the SQLite file at `url` has every migration in `dir` applied (other databases: true). */
export function migrationsPending(url, dir = "prisma/migrations") {
  if (!url.startsWith("file:")) return true;
  const file = sqliteFilePath(url);
  if (file === ":memory:" || !fs.existsSync(file)) return true;
  const wanted = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    const applied = new Set(
      db.prepare(`SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`).all().map((r) => r.name),
    );
    return wanted.some((name) => !applied.has(name));
  } catch {
    // No migrations table yet, or unreadable: let the engine decide and say what is wrong.
    return true;
  } finally {
    db?.close();
  }
}
