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

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "file:./data/raadslag.db",
  },
});
