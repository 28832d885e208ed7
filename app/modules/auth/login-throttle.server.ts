/**
 * Login throttling against password guessing. Two brakes, in memory for one process and in Redis
 * for several (REDIS_URL: the same rules in one script per step, so processes cannot interleave
 * inside a step; if Redis is away, each process falls back to its own memory, never to no limit):
 *
 * - per account: a few failed passwords in a window lock the address for a while, longer each time
 *   it happens again. The address is counted whether or not an account exists, so the answer never
 *   tells anyone which addresses have accounts.
 * - per client address: a generous number of failed attempts in a window, so one machine cannot
 *   walk through many accounts with a few guesses each. Successful logins are not counted: a town
 *   hall's staff logging in at nine from behind one address must not lock each other out.
 *
 * An attempt is counted when it starts, before the slow password check, so many guesses sent at
 * once cannot all slip past the limit; a successful or malformed attempt is handed back. A
 * successful login clears the account's failures. Time is passed in, so tests can move the clock.
 */

import { sharedKey, viaShared, type RedisCommander } from "~/utils/rate-limit.server.ts";

export type LoginThrottleOptions = {
  /** Failed passwords per account before it is locked. */
  accountFailures: number;
  /** The window those failures are counted in. */
  accountWindowMs: number;
  /** The first lock; each further lock within `lockMemoryMs` doubles it, up to `maxLockMs`. */
  firstLockMs: number;
  maxLockMs: number;
  /** How long a past lock still makes the next one longer. */
  lockMemoryMs: number;
  /** Attempts (right or wrong) per client address in a window. */
  addressAttempts: number;
  addressWindowMs: number;
  /** Upper bound on remembered keys, so a flood of invented addresses cannot exhaust memory. */
  maxKeys: number;
};

export const defaultLoginThrottleOptions: LoginThrottleOptions = {
  accountFailures: 5,
  accountWindowMs: 15 * 60_000,
  firstLockMs: 15 * 60_000,
  maxLockMs: 24 * 3600_000,
  lockMemoryMs: 24 * 3600_000,
  addressAttempts: 30,
  addressWindowMs: 15 * 60_000,
  maxKeys: 50_000,
};

type AccountState = { attempts: number[]; lockedUntil: number; locks: number; lastLockAt: number };
type AddressState = { start: number; count: number };

/** Seconds to wait (rounded up, at least 1) before trying again, and which brake said so. */
export type LoginWait = { seconds: number; reason: "account" | "address" } | null;

/** The key for an account: the address as the login form's schema normalises it. */
export function accountKey(email: unknown) {
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : "";
}

function secondsUntil(until: number, now: number) {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

export function createLoginThrottle(overrides: Partial<LoginThrottleOptions> = {}) {
  const o = { ...defaultLoginThrottleOptions, ...overrides };
  const accounts = new Map<string, AccountState>();
  const addresses = new Map<string, AddressState>();

  function bound<V>(map: Map<string, V>, stale: (value: V) => boolean) {
    if (map.size < o.maxKeys) return;
    for (const [key, value] of map) if (stale(value)) map.delete(key);
    // Still full of live entries: forget the oldest rather than grow without bound.
    for (const key of map.keys()) {
      if (map.size < o.maxKeys * 0.9) break;
      map.delete(key);
    }
  }

  function addressState(address: string, now: number) {
    let a = addresses.get(address);
    if (!a || now - a.start >= o.addressWindowMs) {
      bound(addresses, (v) => now - v.start >= o.addressWindowMs);
      a = { start: now, count: 0 };
      addresses.set(address, a);
    }
    return a;
  }

  function accountState(email: unknown, now: number) {
    const key = accountKey(email);
    let account = accounts.get(key);
    if (!account) {
      bound(
        accounts,
        (v) => v.lockedUntil <= now && now - v.lastLockAt >= o.lockMemoryMs && v.attempts.every((t) => now - t >= o.accountWindowMs),
      );
      account = { attempts: [], lockedUntil: 0, locks: 0, lastLockAt: 0 };
      accounts.set(key, account);
    }
    account.attempts = account.attempts.filter((t) => now - t < o.accountWindowMs);
    return account;
  }

  function handBack(email: unknown, address: string, now: number) {
    const a = addresses.get(address);
    if (a && now - a.start < o.addressWindowMs) a.count = Math.max(0, a.count - 1);
    return accounts.get(accountKey(email));
  }

  return {
    /**
     * Counts one login attempt from `address` for `email` and says whether it must wait instead.
     * Call it before checking the password, so a refused attempt costs no password hashing either.
     */
    attempt(email: unknown, address: string, now = Date.now()): LoginWait {
      const a = addressState(address, now);
      if (a.count >= o.addressAttempts) return { seconds: secondsUntil(a.start + o.addressWindowMs, now), reason: "address" };
      const account = accountState(email, now);
      if (account.lockedUntil > now) return { seconds: secondsUntil(account.lockedUntil, now), reason: "account" };
      if (account.attempts.length >= o.accountFailures) {
        return { seconds: secondsUntil(account.attempts[0] + o.accountWindowMs, now), reason: "account" };
      }
      a.count++;
      account.attempts.push(now);
      return null;
    },

    /** The attempt was a wrong password (or no such account): may lock the account. */
    failure(email: unknown, now = Date.now()): LoginWait {
      const account = accountState(email, now);
      if (account.attempts.length < o.accountFailures) return null;
      if (now - account.lastLockAt >= o.lockMemoryMs) account.locks = 0;
      const lockMs = Math.min(o.maxLockMs, o.firstLockMs * 2 ** account.locks);
      account.locks++;
      account.lastLockAt = now;
      account.lockedUntil = now + lockMs;
      account.attempts = [];
      return { seconds: secondsUntil(account.lockedUntil, now), reason: "account" };
    },

    /** The right password: the account starts from a clean slate and the address gets its attempt back. */
    success(email: unknown, address: string, now = Date.now()) {
      handBack(email, address, now);
      accounts.delete(accountKey(email));
    },

    /** The form was malformed (no password was checked): nothing was guessed, so nothing counts. */
    release(email: unknown, address: string, now = Date.now()) {
      handBack(email, address, now)?.attempts.pop();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

// ---- Several processes: the same steps as scripts in Redis ----
//
// Per address a hash {s: window start, c: count}; per account a hash {a: attempt times, comma
// separated, u: locked until, l: locks, t: last lock}. Times are the calling process's clock.

const luaState = `
local now = tonumber(ARGV[1])
local o = cjson.decode(ARGV[2])
local function address()
  local s = tonumber(redis.call('HGET', KEYS[1], 's') or '-1')
  local c = tonumber(redis.call('HGET', KEYS[1], 'c') or '0')
  if s < 0 or now - s >= o.addressWindowMs then return now, 0 end
  return s, c
end
local function account()
  local raw = redis.call('HGET', KEYS[2], 'a') or ''
  local attempts = {}
  for t in string.gmatch(raw, '[^,]+') do
    if now - tonumber(t) < o.accountWindowMs then table.insert(attempts, tonumber(t)) end
  end
  return attempts, tonumber(redis.call('HGET', KEYS[2], 'u') or '0'), tonumber(redis.call('HGET', KEYS[2], 'l') or '0'), tonumber(redis.call('HGET', KEYS[2], 't') or '0')
end
local function saveAddress(s, c)
  redis.call('HSET', KEYS[1], 's', s, 'c', c)
  redis.call('PEXPIRE', KEYS[1], math.max(1, s + o.addressWindowMs - now))
end
local function saveAccount(attempts, u, l, t)
  redis.call('HSET', KEYS[2], 'a', table.concat(attempts, ','), 'u', u, 'l', l, 't', t)
  -- Kept while a lock or its memory can still matter, else for the attempts' window.
  local keep = o.accountWindowMs
  if l > 0 then keep = math.max(keep, u - now, t + o.lockMemoryMs - now) end
  redis.call('PEXPIRE', KEYS[2], math.max(1, keep))
end
local function handBack()
  local s, c = address()
  if c > 0 then saveAddress(s, c - 1) end
end
`;

const luaSteps = {
  attempt: `${luaState}
local s, c = address()
if c >= o.addressAttempts then return {'address', s + o.addressWindowMs - now} end
local attempts, u, l, t = account()
if u > now then return {'account', u - now} end
if #attempts >= o.accountFailures then return {'account', attempts[1] + o.accountWindowMs - now} end
saveAddress(s, c + 1)
table.insert(attempts, now)
saveAccount(attempts, u, l, t)
return {'', 0}`,
  failure: `${luaState}
local attempts, u, l, t = account()
if #attempts < o.accountFailures then return {'', 0} end
if now - t >= o.lockMemoryMs then l = 0 end
local lockMs = math.min(o.maxLockMs, o.firstLockMs * 2 ^ l)
saveAccount({}, now + lockMs, l + 1, now)
return {'account', lockMs}`,
  success: `${luaState}
handBack()
redis.call('DEL', KEYS[2])
return {'', 0}`,
  release: `${luaState}
handBack()
if redis.call('EXISTS', KEYS[2]) == 1 then
  local attempts, u, l, t = account()
  table.remove(attempts)
  saveAccount(attempts, u, l, t)
end
return {'', 0}`,
};

/** The throttle's steps in Redis, shared by every process that uses the same server and prefix. */
export function createRedisLoginThrottle(client: RedisCommander, overrides: Partial<LoginThrottleOptions> = {}, { prefix = "raadslag:login:" } = {}) {
  const options = JSON.stringify({ ...defaultLoginThrottleOptions, ...overrides });
  const run = async (step: keyof typeof luaSteps, email: unknown, address: string, now: number): Promise<LoginWait> => {
    const keys = [`${prefix}address:${sharedKey(address)}`, `${prefix}account:${sharedKey(accountKey(email))}`];
    const [reason, ms] = (await client.sendCommand(["EVAL", luaSteps[step], "2", ...keys, String(now), options])) as [string, number];
    return reason === "address" || reason === "account" ? { seconds: secondsUntil(now + Number(ms), now), reason } : null;
  };
  return {
    attempt: (email: unknown, address: string, now = Date.now()) => run("attempt", email, address, now),
    failure: (email: unknown, now = Date.now()) => run("failure", email, "", now),
    success: async (email: unknown, address: string, now = Date.now()) => void (await run("success", email, address, now)),
    release: async (email: unknown, address: string, now = Date.now()) => void (await run("release", email, address, now)),
  };
}

/**
 * The process's one throttle, used by the login route: in Redis when limits are shared (see
 * utils/rate-limit.server.ts), else, and whenever Redis does not answer, in this process's memory.
 */
export function createProcessLoginThrottle(overrides: Partial<LoginThrottleOptions> = {}) {
  const memory = createLoginThrottle(overrides);
  let redis: { client: RedisCommander; throttle: ReturnType<typeof createRedisLoginThrottle> } | null = null;
  const inRedis = (client: RedisCommander) => {
    if (redis?.client !== client) redis = { client, throttle: createRedisLoginThrottle(client, overrides) };
    return redis.throttle;
  };
  return {
    attempt: (email: unknown, address: string, now = Date.now()): Promise<LoginWait> =>
      viaShared((client) => inRedis(client).attempt(email, address, now), () => memory.attempt(email, address, now)),
    failure: (email: unknown, now = Date.now()): Promise<LoginWait> =>
      viaShared((client) => inRedis(client).failure(email, now), () => memory.failure(email, now)),
    success: (email: unknown, address: string, now = Date.now()): Promise<void> =>
      viaShared((client) => inRedis(client).success(email, address, now), () => memory.success(email, address, now)),
    release: (email: unknown, address: string, now = Date.now()): Promise<void> =>
      viaShared((client) => inRedis(client).release(email, address, now), () => memory.release(email, address, now)),
  };
}

export const loginThrottle = createProcessLoginThrottle();
