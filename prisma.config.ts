import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI would download a native schema engine, which many municipal networks (and our
// CI) cannot reach. The WASM build of the same engine runs behind a small forwarder instead;
// see docs/decisions/0002-migrations-without-native-engine.md.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  import.meta.dirname,
  "prisma",
  "schema-engine",
  "engine.mjs",
);

const url = process.env.DATABASE_URL ?? "file:./data/raadslag.db";

// The URL's scheme picks the provider: file: is SQLite (the schema of record and its
// migrations), postgres(ql):// is PostgreSQL (the schema generated from the record, with its own
// migrations); see docs/decisions/0014-postgresql.md. So `prisma migrate deploy` at start works
// for both.
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: postgres ? "prisma/postgresql/migrations" : "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: { url },
});
