// PostgreSQL target for the schema-engine forwarder: the same members as the SQLite target (see
// the list at the top of sqlite.mjs), on top of @prisma/adapter-pg and a pg Pool, plus the
// PostgreSQL-specific workarounds that make the WebAssembly engine behave like the native one.

import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { writeLog } from "./rpc.mjs";

// pg's own URL parser, from pg itself so both agree on what a URL means.
const { parse: parseConnectionString } = createRequire(import.meta.resolve("pg"))("pg-connection-string");

export function isPostgresUrl(url) {
  return typeof url === "string" && /^postgres(ql)?:\/\//.test(url);
}

/**
 * pg's connection settings for a URL, as separate fields rather than a connection string. The
 * adapter opens its shadow database as `{ ...config, database: <shadow> }`, and a connection
 * string in `config` would win over that `database` and quietly put the shadow database's work
 * into the main one. Prisma's own `schema` parameter is not pg's; only `public` is supported.
 */
export function postgresConfig(url) {
  const { schema, ...parsed } = parseConnectionString(url);
  if (schema && schema !== "public") throw new Error(`Only the "public" schema is supported, not "${schema}".`);
  const config = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined && value !== null) config[key] = value;
  if (config.port) config.port = Number(config.port);
  return config;
}

/** PostgreSQL's single-byte internal type `"char"` (oid 18), which the system catalogues use. */
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * The adapter cannot describe columns of type `"char"` (it fails with "Unsupported column type
 * char"), and the engine's introspection reads several of them from pg_catalog. Their values
 * arrive as one-character strings anyway, so reporting the column as text is exact.
 */
function reportCharAsText(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CharAsTextPool extends pg.Pool {
  async query(...args) {
    if (typeof args.at(-1) === "function") return super.query(...args);
    return reportCharAsText(await super.query(...args));
  }

  async connect(...args) {
    if (typeof args[0] === "function") return super.connect(...args);
    const client = await super.connect();
    if (!client.__charAsText) {
      const query = client.query.bind(client);
      client.query = (...queryArgs) => {
        const result = query(...queryArgs);
        return typeof result?.then === "function" ? result.then(reportCharAsText) : result;
      };
      client.__charAsText = true;
    }
    return client;
  }
}

const quoteIdent = (name) => `"${String(name).replace(/"/g, '""')}"`;

/** The DDL the native engine uses for the migrations table on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function createPostgresTarget(url) {
  const config = postgresConfig(url);
  const database = config.database;
  if (!database) throw new Error("The PostgreSQL URL names no database, e.g. postgresql://user:password@host:5432/raadslag");
  const pools = new Set();
  const openPool = (overrides = {}) => {
    const pool = new CharAsTextPool({ ...config, ...overrides, max: 4 });
    pool.on("error", () => {});
    pools.add(pool);
    return pool;
  };
  const endPool = async (pool) => {
    pools.delete(pool);
    await pool.end().catch(() => {});
  };

  /** Runs `fn` with a pool on a database that always exists, for creating and dropping others. */
  const onMaintenanceDatabase = async (fn) => {
    let lastError;
    for (const name of ["postgres", "template1"]) {
      const pool = openPool({ database: name });
      try {
        return await fn(pool);
      } catch (error) {
        lastError = error;
        // 3D000: no such database; 42501: no right to connect to it. Try the next one.
        if (error?.code !== "3D000" && error?.code !== "42501") throw error;
      } finally {
        await endPool(pool);
      }
    }
    throw lastError;
  };

  // Shadow databases not yet dropped, so close() can drop them if the engine never let go.
  const shadows = new Set();
  const dropShadow = async (name) => {
    if (!shadows.delete(name)) return;
    await onMaintenanceDatabase((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
  };

  let main;
  const mainPool = () => (main ??= openPool());

  const adapterOn = async (pool, onDispose) => {
    const adapter = await new PrismaPg(pool).connect();
    const dispose = adapter.dispose.bind(adapter);
    // Only dispose is replaced; the other methods keep the adapter as `this` (private fields).
    return new Proxy(adapter, {
      get(target, key) {
        if (key === "dispose") {
          return async () => {
            await dispose();
            await onDispose?.();
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };

  const adapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => adapterOn(mainPool()),
    /**
     * A shadow database of our own, uniquely named and dropped when the engine lets go of it: the
     * adapter's own would connect to the main database instead (see postgresConfig). The role
     * needs CREATEDB, as with the native engine.
     */
    connectToShadowDb: async () => {
      const shadow = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
      await onMaintenanceDatabase((pool) => pool.query(`CREATE DATABASE ${quoteIdent(shadow)}`));
      shadows.add(shadow);
      writeLog("INFO", { message: `forwarder: created shadow database ${shadow}` });
      const pool = openPool({ database: shadow });
      return adapterOn(pool, async () => {
        await endPool(pool);
        await dropShadow(shadow);
      });
    },
  };

  return {
    provider: "postgresql",
    name: database,
    location: `${config.host ?? "localhost"}:${config.port ?? 5432}`,
    adapterFactory,

    async exists() {
      const pool = openPool();
      try {
        await pool.query("SELECT 1");
        return true;
      } catch (error) {
        if (error?.code === "3D000") return false;
        throw error;
      } finally {
        await endPool(pool);
      }
    },

    async create() {
      await onMaintenanceDatabase((pool) => pool.query(`CREATE DATABASE ${quoteIdent(database)}`));
      return database;
    },

    async hasMigrationsTable() {
      const { rows } = await mainPool().query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
      return rows[0]?.present === true;
    },

    async createMigrationsTable() {
      await mainPool().query(CREATE_MIGRATIONS_TABLE);
    },

    async dropMigrationsTable() {
      await mainPool().query('DROP TABLE IF EXISTS "_prisma_migrations"');
    },

    async close() {
      await Promise.all([...pools].map(endPool));
      for (const shadow of [...shadows]) await dropShadow(shadow).catch(() => {});
    },
  };
}
