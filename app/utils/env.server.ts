/**
 * Configuration, read from the environment once and validated at start-up, so a bad value stops
 * the server with a message that names the variable instead of failing later on a request.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

const DEMO_ADMIN_EMAIL = "admin@fjordby.dk";
const DEMO_ADMIN_PASSWORD = "Raadslag-demo-2026";

function seconds(fallback: number) {
  return z.coerce.number({ message: "must be a number of seconds" }).positive("must be more than 0").max(86_400, "must be at most 86400").default(fallback);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  DATABASE_URL: z
    .string()
    .default("file:./data/raadslag.db")
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\/[^/?#]+\/[^/?#]+/.test(v), {
      message:
        'must start with "file:" (SQLite), e.g. file:./data/raadslag.db, or be a PostgreSQL URL naming a database, e.g. postgresql://raadslag:password@db.fjordby.dk:5432/raadslag',
    }),
  // PostgreSQL only: connections per process (the Prisma client and the vote's writer share them).
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 1000")
    .max(1000, "must be between 1 and 1000")
    .default(10),
  DATA_DIR: z.string().min(1).default("./data"),
  SESSION_SECRET: z
    .string()
    .min(32, "must be at least 32 characters; leave it unset to have one generated")
    .optional(),
  SEED_ADMIN_EMAIL: z.email("must be an e-mail address").default(DEMO_ADMIN_EMAIL),
  SEED_ADMIN_PASSWORD: z
    .string()
    .min(12, "must be at least 12 characters")
    .default(DEMO_ADMIN_PASSWORD),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL, e.g. https://raadslag.fjordby.dk" })
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525" })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'must be an address, e.g. "Fjordby Kommune <noreply@fjordby.dk>"')
    .default("Rådslag <no-reply@localhost>"),
  // Seconds may be fractions, so tests can retry within a second.
  MAIL_RETRY_SECONDS: seconds(30),
  MAIL_RETRY_MAX_SECONDS: seconds(3600),
  MAIL_POLL_SECONDS: seconds(5),
  MAIL_MAX_ATTEMPTS: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1000, "must be at most 1000")
    .default(10),
  // How long a write waits for another writer's lock before the request is answered 503 (retry).
  SQLITE_BUSY_TIMEOUT_MS: z.coerce
    .number({ message: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be between 0 and 60000")
    .max(60_000, "must be between 0 and 60000")
    .default(5000),
  // Several processes share socket.io rooms and rate limits through Redis; unset means one process.
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379" })
    .optional(),
});

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; dataDir: string };

let cached: Env | undefined;

export class ConfigError extends Error {}

/** Parses the given variables; throws a ConfigError that lists every bad one. */
export function parseEnv(source: Record<string, string | undefined>): z.infer<typeof schema> {
  const blankless = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(blankless);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The session secret is generated once and kept in the data folder when none is configured. */
function sessionSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  }
}

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  const dataDir = path.resolve(parsed.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  cached = { ...parsed, dataDir, SESSION_SECRET: sessionSecret(dataDir, parsed.SESSION_SECRET) };
  return cached;
}

/** The public origin for links that leave the page (cards, e-mails, API); the request's otherwise. */
export function publicOrigin(request: Request): string {
  return getEnv().PUBLIC_URL ?? new URL(request.url).origin;
}

/** The origin for links in what is sent without a request (e-mails from background jobs). */
export function backgroundOrigin(): string {
  const env = getEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
