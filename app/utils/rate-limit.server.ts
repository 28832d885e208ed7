/**
 * Fixed-window rate limits. One process keeps its windows in memory; several processes share them
 * through Redis (REDIS_URL, see docs/decisions/0015-several-processes.md), so a limit holds in
 * total and not once per process. The keys and limits are the same either way.
 *
 * Every limiter keeps its own memory store even when Redis is shared: when Redis cannot be reached
 * (down, or slower than `sharedTimeoutMs`), the hit is counted in memory instead, with a warning.
 * The limits then hold per process until Redis answers again: looser, never unlimited, and nobody
 * is refused because a cache is down.
 */

import crypto from "node:crypto";

/** Where windows are counted. Both methods resolve the seconds to wait (at least 1), or 0. */
export type RateLimitStore = {
  /** Counts one hit on `key`; over `limit` in the window, says how long until the window ends. */
  hit(key: string, limit: number, windowMs: number, now: number): number | Promise<number>;
  /** Says whether `key` has used up its window (`limit` hits or more), without counting. */
  peek(key: string, limit: number, windowMs: number, now: number): number | Promise<number>;
};

type Window = { start: number; count: number };

/** One limiter's windows in this process, bounded in memory. */
export function createMemoryStore({ maxKeys = 50_000 } = {}) {
  // Insertion order is window-start order: a key whose window restarts is deleted and set again,
  // so the oldest windows are always the first ones the Map yields.
  const windows = new Map<string, Window>();

  function forgetOldest() {
    // Drop the oldest tenth at once, so a full map costs one sweep per maxKeys/10 new keys rather
    // than a walk over every key on every new key. A forgotten window starts again from zero: the
    // price of a bounded memory, paid by the longest-idle keys first.
    const keep = Math.floor(maxKeys * 0.9);
    for (const k of windows.keys()) {
      if (windows.size <= keep) break;
      windows.delete(k);
    }
  }

  const secondsLeft = (w: Window, windowMs: number, now: number) => Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));

  return {
    hit(key: string, limit: number, windowMs: number, now: number): number {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (w) windows.delete(key);
        if (windows.size >= maxKeys) forgetOldest();
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > limit ? secondsLeft(w, windowMs, now) : 0;
    },
    peek(key: string, limit: number, windowMs: number, now: number): number {
      const w = windows.get(key);
      return w && now - w.start < windowMs && w.count >= limit ? secondsLeft(w, windowMs, now) : 0;
    },
    get size() {
      return windows.size;
    },
  };
}

/**
 * A key as it is stored in Redis: client addresses, voter tokens and e-mail addresses are hashed,
 * so a shared Redis (perhaps on another machine, in its dumps) holds none of them in clear.
 */
export function sharedKey(key: string) {
  return crypto.createHash("sha256").update(key).digest("base64url").slice(0, 22);
}

/** The one command a Redis store needs; a node-redis client has it. */
export type RedisCommander = { sendCommand(args: string[]): Promise<unknown> };

// Count and expiry in one step: a process that dies between them cannot leave a key that never
// expires (which would refuse that address for good). A key found without an expiry gets one.
const hitScript = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

const peekScript = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Windows in Redis, shared by every process that uses the same server and prefix. Redis's clock
 * runs the windows, so the processes' clocks need not agree (`now` is not used).
 */
export function createRedisStore(client: RedisCommander, { prefix = "raadslag:rate:" } = {}): RateLimitStore {
  const run = async (script: string, key: string, windowMs: number) => {
    const [count, ttl] = (await client.sendCommand(["EVAL", script, "1", prefix + key, String(windowMs)])) as [number, number];
    return { count: Number(count), seconds: Math.max(1, Math.ceil(Number(ttl) / 1000)) };
  };
  return {
    async hit(key, limit, windowMs) {
      const { count, seconds } = await run(hitScript, key, windowMs);
      return count > limit ? seconds : 0;
    },
    async peek(key, limit, windowMs) {
      const { count, seconds } = await run(peekScript, key, windowMs);
      return count >= limit ? seconds : 0;
    },
  };
}

type Shared = { client: RedisCommander; store: RateLimitStore; isReady: () => boolean; timeoutMs: number };
let shared: Shared | null = null;

/**
 * From now on every limiter (and the login throttle) counts in Redis through `client` (at
 * start-up, when REDIS_URL is set), falling back to its own memory while `isReady()` is false or an
 * answer takes longer than `timeoutMs`. Null goes back to memory only.
 */
export function shareRateLimits(
  client: RedisCommander | null,
  { isReady = () => true, timeoutMs = 250 }: { isReady?: () => boolean; timeoutMs?: number } = {},
) {
  shared = client ? { client, store: createRedisStore(client), isReady, timeoutMs } : null;
  sharedDown = false;
}

/** Whether limits are counted in a shared store; when not, callers can stay synchronous. */
export function limitsAreShared() {
  return shared !== null;
}

let sharedDown = false;
function reportShared(ok: boolean, error?: unknown) {
  // One line when the shared store goes away and one when it is back, not one per request.
  if (ok === !sharedDown) return;
  sharedDown = !ok;
  if (ok) console.warn("[rate-limit] shared store answers again: limits hold across processes.");
  else console.warn(`[rate-limit] shared store unavailable (${error instanceof Error ? error.message : String(error)}): limits hold per process until it is back.`);
}

function withTimeout<T>(promise: Promise<T> | T, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Runs `op` against the shared Redis, or `inMemory` when there is none, it is not connected, or it
 * fails or is late: the one place that decides what a limit does when Redis is away.
 */
export async function viaShared<T>(op: (client: RedisCommander) => Promise<T>, inMemory: () => T): Promise<T> {
  const target = shared;
  if (!target) return inMemory();
  return guarded(target.isReady, target.timeoutMs, () => op(target.client), inMemory);
}

async function guarded<T>(isReady: () => boolean, timeoutMs: number, op: () => Promise<T> | T, inMemory: () => T): Promise<T> {
  if (!isReady()) {
    reportShared(false, "not connected");
    return inMemory();
  }
  try {
    const result = await withTimeout(op(), timeoutMs);
    reportShared(true);
    return result;
  } catch (error) {
    reportShared(false, error);
    return inMemory();
  }
}

export function createRateLimiter({
  name,
  limit,
  windowMs,
  maxKeys = 50_000,
  store,
}: {
  /** Names the limiter's keys in a shared store; unique per limiter. */
  name: string;
  limit: number;
  windowMs: number;
  maxKeys?: number;
  /** A store of its own (tests); otherwise the shared one when there is one, else memory. */
  store?: RateLimitStore;
}) {
  const memory = createMemoryStore({ maxKeys });

  function counted(op: "hit" | "peek", key: string, now: number): Promise<number> {
    const inMemory = () => memory[op](key, limit, windowMs, now);
    if (store) return guarded(() => true, 250, () => store[op](`${name}:${sharedKey(key)}`, limit, windowMs, now), inMemory);
    const target = shared;
    // In memory only, a resolved promise: no timer and no I/O on the vote path.
    if (!target) return Promise.resolve(inMemory());
    return guarded(target.isReady, target.timeoutMs, () => target.store[op](`${name}:${sharedKey(key)}`, limit, windowMs, now), inMemory);
  }

  return {
    /** Counts a hit; resolves the seconds to wait when over the limit, else 0. */
    hit(key: string, now = Date.now()): Promise<number> {
      return counted("hit", key, now);
    },
    /** The seconds to wait if the window is used up (`limit` hits or more), without counting. */
    peek(key: string, now = Date.now()): Promise<number> {
      return counted("peek", key, now);
    },
    /** How many keys this process remembers in memory; for tests and diagnostics. */
    get size() {
      return memory.size;
    },
  };
}
