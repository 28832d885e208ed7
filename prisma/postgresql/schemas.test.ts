// The two providers' schemas stay in step: prisma/postgresql/schema.prisma is what
// scripts/db-schemas.mjs makes of prisma/schema.prisma, with the same models and fields, and
// every SQLite migration since PostgreSQL support has its PostgreSQL twin. Runs without a
// PostgreSQL server; tests/postgres.pg.test.ts checks the PostgreSQL migrations against a real one.

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Prisma as SqlitePrisma } from "~/generated/prisma/client.ts";
import { Prisma as PostgresPrisma } from "~/generated/prisma-postgres/client.ts";
import { postgresSchemaFrom } from "../../scripts/db-schemas.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** model → field → type (with ? and []), and the model's @@ attributes, from a schema's text. */
function models(schema: string) {
  const result: Record<string, Record<string, string>> = {};
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const fields: Record<string, string> = {};
    for (const line of body.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim())) {
      if (!line) continue;
      if (line.startsWith("@@")) fields[line] = "block attribute";
      else {
        const [field, type, ...attributes] = line.split(/\s+/);
        fields[field] = [type, ...attributes].join(" ");
      }
    }
    result[name] = fields;
  }
  return result;
}

const migrationFolders = (dir: string) =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("the PostgreSQL schema", () => {
  it("is exactly what `npm run db:schemas` makes of prisma/schema.prisma", () => {
    const expected = postgresSchemaFrom(read("prisma/schema.prisma"));
    expect(read("prisma/postgresql/schema.prisma"), "prisma/postgresql/schema.prisma is out of date: run `npm run db:schemas`").toBe(expected);
    expect(expected).toMatch(/^\/\/ GENERATED from prisma\/schema\.prisma .*do not edit/);
    expect(expected).toMatch(/datasource db \{\s*provider = "postgresql"\s*\}/);
  });

  it("has the same models, fields, types and attributes as the schema of record", () => {
    const record = models(read("prisma/schema.prisma"));
    const postgres = models(read("prisma/postgresql/schema.prisma"));
    expect(Object.keys(record).length).toBeGreaterThan(20);
    expect(postgres).toEqual(record);
  });

  it("has a generated client with the same models (run `npm install` or `npm run postinstall` after a change)", () => {
    expect(Object.keys(PostgresPrisma.ModelName).sort()).toEqual(Object.keys(SqlitePrisma.ModelName).sort());
    for (const model of Object.keys(SqlitePrisma.ModelName)) {
      const fieldsOf = (prisma: typeof SqlitePrisma | typeof PostgresPrisma) =>
        Object.keys((prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`] ?? {}).sort();
      expect(fieldsOf(PostgresPrisma), model).toEqual(fieldsOf(SqlitePrisma));
    }
  });

  it("has its own migrations, locked to PostgreSQL, with a twin for every SQLite migration since the first PostgreSQL one", () => {
    expect(read("prisma/postgresql/migrations/migration_lock.toml")).toMatch(/provider = "postgresql"/);
    expect(read("prisma/migrations/migration_lock.toml")).toMatch(/provider = "sqlite"/);
    const postgres = migrationFolders("prisma/postgresql/migrations");
    expect(postgres.length).toBeGreaterThan(0);
    const since = migrationFolders("prisma/migrations").filter((name) => name > postgres[0]);
    const missing = since.filter((name) => !postgres.includes(name));
    expect(missing, "SQLite migrations without a PostgreSQL twin: make schema changes with `npm run db:migration -- <name>`").toEqual([]);
  });
});
