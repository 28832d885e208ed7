#!/usr/bin/env node
// One Prisma schema of record (prisma/schema.prisma, SQLite) and a PostgreSQL schema generated
// from it (prisma/postgresql/schema.prisma), each with its own migrations folder. See
// docs/decisions/0014-postgresql.md.
//
//   node scripts/db-schemas.mjs                  write the PostgreSQL schema from the record
//   node scripts/db-schemas.mjs --check          exit 1 when the written file is out of date
//   node scripts/db-schemas.mjs migration <name> after editing prisma/schema.prisma: the SQLite
//                                                migration, the PostgreSQL schema and the
//                                                PostgreSQL migration, in one go
//
// Nothing here needs a PostgreSQL server: the PostgreSQL migration is the difference between
// the PostgreSQL schema before and after the change, which Prisma computes from the two files.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const recordPath = path.join(root, "prisma", "schema.prisma");
export const postgresSchemaPath = path.join(root, "prisma", "postgresql", "schema.prisma");
export const postgresMigrationsPath = path.join(root, "prisma", "postgresql", "migrations");
const sqliteMigrationsPath = path.join(root, "prisma", "migrations");
const prismaCli = path.join(root, "node_modules", "prisma", "build", "index.js");

const header = `// GENERATED from prisma/schema.prisma by \`npm run db:schemas\` — do not edit.
// Change prisma/schema.prisma and run \`npm run db:migration -- <name>\` (docs/decisions/0014-postgresql.md).
`;

/** Replaces exactly one match, so a changed record fails loudly instead of generating nonsense. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`));
  if (matches?.length !== 1) throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/**
 * The PostgreSQL schema for the given record: the same models, with the datasource's provider
 * and the generated client's folder changed. Every field type in the record maps to a
 * PostgreSQL column without attributes (String → text, DateTime → timestamp(3), Int → integer).
 */
export function postgresSchemaFrom(record) {
  let schema = record.replace(/\r\n/g, "\n");
  schema = replaceOnce(schema, /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource with provider "sqlite"');
  schema = replaceOnce(
    schema,
    /(generator client \{[^}]*output\s*=\s*)"\.\.\/app\/generated\/prisma"/,
    '$1"../../app/generated/prisma-postgres"',
    'generator client with output "../app/generated/prisma"',
  );
  // Provider-specific attributes (@db.*) have no meaning on the other provider.
  if (/@db\./.test(schema)) throw new Error("prisma/schema.prisma uses @db.* attributes; map them for PostgreSQL in scripts/db-schemas.mjs");
  return header + schema;
}

export function writePostgresSchema() {
  const next = postgresSchemaFrom(readFileSync(recordPath, "utf8"));
  const previous = existsSync(postgresSchemaPath) ? readFileSync(postgresSchemaPath, "utf8") : null;
  if (previous !== next) {
    mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
    writeFileSync(postgresSchemaPath, next);
  }
  return { previous, next, changed: previous !== next };
}

/** Runs the Prisma CLI; with `capture`, returns its output instead of showing it (and its questions). */
function prisma(args, { env = {}, capture = false } = {}) {
  return execFileSync(process.execPath, [prismaCli, ...args], {
    cwd: root,
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
  });
}

/** The newest migration folder's name, or undefined. */
const newestMigration = (dir) =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort().at(-1) : undefined;

function migration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) {
    console.error("Usage: npm run db:migration -- <name>   (lower case letters, digits and _)");
    process.exit(1);
  }
  // 1. The SQLite migration, from the record, as always (against the development database).
  const before = newestMigration(sqliteMigrationsPath);
  prisma(["migrate", "dev", "--name", name], { env: { DATABASE_URL: process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/raadslag.db" } });
  const created = newestMigration(sqliteMigrationsPath);
  const folder = created !== before ? created : `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;

  // 2. The PostgreSQL schema; 3. its migration: the difference between the old and new schema.
  const dir = mkdtempSync(path.join(tmpdir(), "raadslag-schemas-"));
  try {
    const { previous, next } = writePostgresSchema();
    const from = path.join(dir, "before.prisma");
    const to = path.join(dir, "after.prisma");
    writeFileSync(from, previous ?? next.replace(/\nmodel [\s\S]*$/, "\n"));
    writeFileSync(to, next);
    const sql = prisma(["migrate", "diff", "--from-schema", from, "--to-schema", to, "--script"], { capture: true });
    const empty = sql.trim() === "" || /^-- This is an empty migration\.$/.test(sql.trim());
    // A SQLite migration always gets its twin (schemas.test.ts checks), even an empty one.
    if (empty && created === before) {
      console.log("Neither schema changed; no migration written.");
      return;
    }
    const target = path.join(postgresMigrationsPath, folder);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "migration.sql"), sql);
    console.log(`Wrote prisma/postgresql/migrations/${folder}/migration.sql`);
    // `migrate dev` regenerated the SQLite client; the PostgreSQL one follows its schema.
    prisma(["generate", "--schema", postgresSchemaPath]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, name] = process.argv.slice(2);
  if (command === "--check") {
    const expected = postgresSchemaFrom(readFileSync(recordPath, "utf8"));
    const actual = existsSync(postgresSchemaPath) ? readFileSync(postgresSchemaPath, "utf8") : "";
    if (expected !== actual) {
      console.error("prisma/postgresql/schema.prisma is out of date: run `npm run db:schemas`.");
      process.exit(1);
    }
  } else if (command === "migration") {
    migration(name);
  } else if (command === undefined) {
    const { changed } = writePostgresSchema();
    console.log(changed ? "Wrote prisma/postgresql/schema.prisma." : "prisma/postgresql/schema.prisma is up to date.");
  } else {
    console.error(`Unknown command: ${command}`);
    process.exit(1);
  }
}
