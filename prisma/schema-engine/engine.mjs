#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, which the CLI would otherwise download
// from Prisma's servers. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here. The CLI talks
// to this process exactly as to the binary (same arguments, JSON-RPC over stdin/stdout), and
// each call is forwarded to the WebAssembly build of the same engine
// (@prisma/schema-engine-wasm), which reaches the database through a Prisma driver adapter.
//
// Invocations the CLI makes:
//   engine.mjs --version
//   engine.mjs --datasource <json> cli can-connect-to-database | create-database
//   engine.mjs [--datamodels <schema file>]... [--datasource <json>]     (JSON-RPC server)
//
// The WebAssembly engine differs from the binary in a few places; the workarounds live in
// createHandler() below and in the per-database target (sqlite.mjs).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadSchemaEngineWasm } from "./wasm.mjs";
import { requestPrint, serve, writeLog } from "./rpc.mjs";
import { createSqliteTarget, isSqliteUrl } from "./sqlite.mjs";
import { createPostgresTarget, isPostgresUrl } from "./postgresql.mjs";

// The adapter binder lives in @prisma/driver-adapter-utils, a dependency of the adapter
// rather than of the app; resolve it from the adapter so it is the copy the adapter uses.
const requireFromAdapter = createRequire(import.meta.resolve("@prisma/adapter-better-sqlite3"));
const { bindMigrationAwareSqlAdapterFactory } = requireFromAdapter("@prisma/driver-adapter-utils");

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, version: false, cli: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "--datamodels" || arg === "-d") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    // Accepted for compatibility; nothing to forward them to.
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "cli") args.cli = argv[++i];
    else throw new Error(`Unexpected argument: ${arg}`);
  }
  return args;
}

class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Pick the database target from the datasource URL: sqlite.mjs or postgresql.mjs. */
function openTarget(datasource) {
  const url = datasource?.url;
  if (isSqliteUrl(url)) return createSqliteTarget(url);
  if (isPostgresUrl(url)) return createPostgresTarget(url);
  if (!url) throw new UserFacingError("P1012", "No datasource URL was given; set `datasource.url` in prisma.config.ts.");
  const scheme = url.split(":")[0];
  throw new UserFacingError(
    "P1013",
    `This schema-engine forwarder supports SQLite (file: URLs) and PostgreSQL (postgresql:// URLs), not \`${scheme}:\`. Add a target for it in prisma/schema-engine/.`,
  );
}

// ---------------------------------------------------------------------------------------------
// `cli` subcommands. The CLI runs these as one-shot processes and, on failure, reads the error
// code from stderr: it skips the first line and expects JSON on every other line.

async function runCliCommand(command, datasource) {
  writeLog("INFO", { message: "Starting schema engine CLI" });
  let target;
  try {
    target = openTarget(datasource);
    // A target's exists() and create() may answer at once (SQLite) or later (PostgreSQL).
    switch (command) {
      case "can-connect-to-database":
        if (!(await target.exists())) {
          throw new UserFacingError("P1003", `Database \`${target.name}\` does not exist at \`${target.location}\``);
        }
        return 0;
      case "create-database":
        await target.create();
        return 0;
      default:
        throw new Error(`Unsupported cli command: ${command}`);
    }
  } catch (error) {
    const fields = { message: error.message };
    if (/^P\d{4}$/.test(String(error.code))) fields.error_code = error.code;
    writeLog("ERROR", fields, "schema_engine::logger");
    return 1;
  } finally {
    await target?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server.

function createHandler({ datamodels, datasource }) {
  let target;
  let enginePromise;

  const getTarget = () => (target ??= openTarget(datasource));

  // The engine is created on first use, so a bad datasource becomes an answer to a request
  // (which the CLI shows) rather than a crash at startup.
  const getEngine = () =>
    (enginePromise ??= (async () => {
      const { SchemaEngine } = await loadSchemaEngineWasm();
      const adapter = bindMigrationAwareSqlAdapterFactory(getTarget().adapterFactory);
      const files = datamodels.map((file) => [file, readFileSync(file, "utf8")]);
      // The engine logs JSON lines in the same shape the CLI reads from the binary's stderr.
      const log = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
      return SchemaEngine.new({ datamodels: files.length > 0 ? files : undefined }, log, adapter);
    })());

  /**
   * On a database without a `_prisma_migrations` table, the WebAssembly engine fails
   * diagnoseMigrationHistory and devDiagnostic with P1014 where the binary reports "no
   * migrations table". Run the call again against an empty table that we drop right after, so
   * the database is left as it was.
   */
  const withMigrationsTable = async (call) => {
    try {
      return { result: await call(), createdTable: false };
    } catch (error) {
      const missingTable = error?.code === "P1014" && /_prisma_migrations/.test(error.message);
      if (!missingTable || (await getTarget().hasMigrationsTable())) throw error;
    }
    writeLog("INFO", { message: "forwarder: no _prisma_migrations table; retrying against an empty one" });
    await getTarget().createMigrationsTable();
    try {
      return { result: await call(), createdTable: true };
    } finally {
      await getTarget().dropMigrationsTable();
    }
  };

  const special = {
    async createDatabase() {
      return { databaseName: await getTarget().create() };
    },

    async getDatabaseVersion(params) {
      const engine = await getEngine();
      return engine.version(params ?? undefined);
    },

    async devDiagnostic(params) {
      const engine = await getEngine();
      return (await withMigrationsTable(() => engine.devDiagnostic(params))).result;
    },

    async diagnoseMigrationHistory(params) {
      const engine = await getEngine();
      const { result, createdTable } = await withMigrationsTable(() => engine.diagnoseMigrationHistory(params));
      // The table only existed for the duration of the call.
      return createdTable ? { ...result, hasMigrationsTable: false } : result;
    },

    async evaluateDataLoss(params) {
      const engine = await getEngine();
      try {
        return await engine.evaluateDataLoss(params);
      } catch (error) {
        // The WebAssembly engine is not handed the adapter factory for this call, so it can
        // only use a schema it already computed for exactly this list of migrations (its
        // migration schema cache); otherwise it fails with "SQLite shadow DB must be provided
        // through an external factory". That happens in `migrate dev` right after pending
        // migrations were applied: the earlier devDiagnostic only replayed the migrations that
        // were applied at the time. diagnoseMigrationHistory does get the factory and, with
        // the shadow database allowed, replays the full list into the cache without writing to
        // the database. Then the retry finds it.
        if (!/shadow DB must be provided through an external factory/.test(String(error?.message))) throw error;
        writeLog("INFO", { message: "forwarder: evaluateDataLoss lacks the migrations' schema; diagnosing, then retrying" });
        await withMigrationsTable(() =>
          engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters,
          }),
        );
        return engine.evaluateDataLoss(params);
      }
    },

    async reset(params) {
      const t = getTarget();
      if (t.reset) {
        writeLog("INFO", { message: `forwarder: resetting the ${t.provider} database itself` });
        await t.reset();
        return {};
      }
      const engine = await getEngine();
      await engine.reset(params);
      return {};
    },

    async diff(params) {
      const engine = await getEngine();
      const { stdout, ...rest } = await engine.diff(params);
      // The binary prints the diff through the CLI (see requestPrint) and answers without it.
      if (stdout) requestPrint(stdout.replace(/\n$/, ""));
      return { ...rest, stdout: null };
    },
  };

  const forwarded = new Set([
    "applyMigrations",
    "createMigration",
    "dbExecute",
    "debugPanic",
    "ensureConnectionValidity",
    "introspect",
    "introspectSql",
    "markMigrationApplied",
    "markMigrationRolledBack",
    "schemaPush",
  ]);

  const handle = async (method, params) => {
    if (Object.hasOwn(special, method)) return special[method](params);
    if (forwarded.has(method)) {
      const engine = await getEngine();
      // Call through the engine object: the wasm-bindgen methods need it as `this`.
      return engine[method](params);
    }
    throw new Error(`The schema-engine forwarder does not support the \`${method}\` method.`);
  };

  const close = async () => {
    await target?.close();
  };

  return { handle, close };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    writeLog("ERROR", { message: error.message });
    return 1;
  }

  if (args.version) {
    const { version } = await loadSchemaEngineWasm();
    // Same format as the binary: "<binary name> <engine commit hash>".
    process.stdout.write(`schema-engine-cli ${version()}\n`);
    return 0;
  }

  if (args.cli) return runCliCommand(args.cli, args.datasource);

  const { handle, close } = createHandler(args);
  // The CLI ends stdin when it is done and sends SIGTERM right after, without waiting. Either
  // way, close the database connections before leaving so SQLite can clean up after itself.
  let closing;
  const shutdown = () => (closing ??= close().catch(() => {}));
  process.once("SIGTERM", () => shutdown().then(() => process.exit(0)));
  await serve(handle);
  await shutdown();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // The CLI shows the last ERROR line when the engine exits with code 1.
    writeLog("ERROR", { message: error?.stack ?? String(error) });
    process.exit(1);
  },
);
