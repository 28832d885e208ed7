// SQLite target for the schema-engine forwarder: how to reach the database through the
// better-sqlite3 driver adapter, plus the SQLite-specific parts of the workarounds that make the
// WebAssembly engine behave like the native one.
//
// A target is a plain object with this shape (see engine.mjs); the PostgreSQL target
// (postgresql.mjs) provides the same members on top of @prisma/adapter-pg:
//   provider            "sqlite" | "postgresql"
//   name, location      the database's name and where it lives, for messages
//   adapterFactory      an unbound SqlMigrationAwareDriverAdapterFactory for the engine
//   exists()            whether the database exists (for `cli can-connect-to-database`);
//                       may return a promise
//   create()            create it, returning its name (for `cli create-database`); may
//                       return a promise
//   reset()             optional: empty the database the way the binary does; without it the
//                       engine's own reset is used
//   hasMigrationsTable() / createMigrationsTable() / dropMigrationsTable()
//                       see withMigrationsTable in engine.mjs
//   close()             close the connections the engine opened

import { existsSync, mkdirSync, truncateSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { writeLog } from "./rpc.mjs";

export function isSqliteUrl(url) {
  return typeof url === "string" && url.startsWith("file:");
}

/**
 * The file a `file:` URL points to. Prisma Client's better-sqlite3 adapter only strips the
 * `file:` prefix and lets better-sqlite3 resolve the rest against the working directory, so we
 * do the same; otherwise migrations and the app could end up using two different files.
 */
export function sqliteFilePath(url, cwd = process.cwd()) {
  const rest = url.replace(/^file:/, "");
  return rest === ":memory:" ? rest : path.resolve(cwd, rest);
}

/** The DDL the native engine uses for the migrations table on SQLite. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function createSqliteTarget(url) {
  const file = sqliteFilePath(url);
  const inMemory = file === ":memory:";
  const factory = new PrismaBetterSqlite3({ url: inMemory ? file : `file:${file}` });
  const tracked = trackConnections(withMultiStatementFallback(factory));

  // The engine puts its connection in `locking_mode=EXCLUSIVE`, so once it has touched the
  // database, other connections cannot write to it (SQLITE_BUSY). The forwarder's own
  // statements therefore go through the engine's connection when there is one.
  const onMainConnection = async (fn) => {
    const current = tracked.mainConnections().at(-1);
    if (current) return fn(current);
    const fresh = await factory.connect();
    try {
      return await fn(fresh);
    } finally {
      await fresh.dispose();
    }
  };

  const ensureDirectory = () => {
    if (!inMemory) mkdirSync(path.dirname(file), { recursive: true });
  };

  return {
    provider: "sqlite",
    name: path.basename(file),
    location: file,

    // The shadow database is always a fresh in-memory database (the adapter's default): every
    // connectToShadowDb() call starts empty, and nothing is left behind on disk.
    adapterFactory: tracked.factory,

    exists() {
      return inMemory || existsSync(file);
    },

    /** Create the database file (and its folder), like the binary's `cli create-database`. */
    create() {
      ensureDirectory();
      if (!inMemory) new Database(file).close();
      return this.name;
    },

    /**
     * The engine's reset on SQLite only deletes rows and leaves the tables in place, so the
     * migrations that `migrate reset` applies next would fail. The binary truncates the file
     * instead, and so do we, in the same steps: release the engine's exclusive lock (a read
     * after switching to NORMAL does that), truncate, then take the lock back. SQLite notices
     * on the next statement that the file changed and sees an empty database.
     */
    async reset() {
      if (inMemory || !existsSync(file)) return;
      const connections = tracked.mainConnections();
      for (const connection of connections) {
        await connection.executeScript("PRAGMA main.locking_mode=NORMAL; PRAGMA main.quick_check;");
      }
      truncateSync(file, 0);
      for (const connection of connections) {
        await connection.executeScript("PRAGMA main.locking_mode=EXCLUSIVE;");
      }
    },

    async hasMigrationsTable() {
      if (!inMemory && !existsSync(file)) return false;
      const { rows } = await onMainConnection((connection) =>
        connection.queryRaw({
          sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
          args: [],
          argTypes: [],
        }),
      );
      return rows.length > 0;
    },

    async createMigrationsTable() {
      ensureDirectory();
      await onMainConnection((connection) => connection.executeScript(CREATE_MIGRATIONS_TABLE));
    },

    async dropMigrationsTable() {
      await onMainConnection((connection) => connection.executeScript('DROP TABLE IF EXISTS "_prisma_migrations"'));
    },

    /**
     * Close every connection the engine opened. Besides freeing them, closing removes the
     * `-journal` file that SQLite keeps next to the database while a connection holds an
     * exclusive lock.
     */
    async close() {
      await tracked.closeAll();
    },
  };
}

/** Remember the connections handed to the engine, so the forwarder can reach and close them. */
function trackConnections(factory) {
  const main = new Set();
  const all = new Set();
  const track = (adapter, isMain) => {
    const dispose = adapter.dispose;
    const tracked = {
      ...adapter,
      dispose: async () => {
        main.delete(tracked);
        all.delete(tracked);
        await dispose();
      },
    };
    all.add(tracked);
    if (isMain) main.add(tracked);
    return tracked;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => track(await factory.connect(), true),
      connectToShadowDb: async () => track(await factory.connectToShadowDb(), false),
    },
    mainConnections: () => [...main],
    closeAll: async () => {
      for (const connection of [...all]) await connection.dispose();
    },
  };
}

const isMultiStatementError = (error) => /more than one statement/i.test(String(error?.message));

/**
 * When the engine replays migration files on the shadow database it sends each whole file
 * through executeRaw, which better-sqlite3 refuses as soon as a file holds more than one
 * statement. Such a call carries no parameters, so running it as a script (db.exec) on the
 * same connection gives the intended result, also inside an open transaction.
 */
function withMultiStatementFallback(factory) {
  const wrapAdapter = (adapter) => {
    const executeRaw = (queryable) => async (query) => {
      try {
        return await queryable.executeRaw(query);
      } catch (error) {
        if (!isMultiStatementError(error) || query.args.length > 0) throw error;
        writeLog("INFO", { message: "forwarder: running a multi-statement executeRaw as a script" });
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    const wrapped = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: executeRaw(adapter),
      executeScript: (script) => adapter.executeScript(script),
      dispose: () => adapter.dispose(),
      startTransaction: async (isolationLevel) => {
        const tx = await adapter.startTransaction(isolationLevel);
        // Only replace executeRaw. The other methods use private class fields, so they must
        // keep running with the real transaction as `this`, not the proxy.
        const txExecuteRaw = executeRaw(tx);
        return new Proxy(tx, {
          get(target, key) {
            if (key === "executeRaw") return txExecuteRaw;
            const value = Reflect.get(target, key);
            return typeof value === "function" ? value.bind(target) : value;
          },
        });
      },
    };
    if (adapter.getConnectionInfo) wrapped.getConnectionInfo = () => adapter.getConnectionInfo();
    return wrapped;
  };

  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapAdapter(await factory.connect()),
    connectToShadowDb: async () => wrapAdapter(await factory.connectToShadowDb()),
  };
}
