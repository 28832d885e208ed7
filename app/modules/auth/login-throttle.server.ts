/**
 * Login throttling against password guessing. Two brakes, both in memory (one process; several
 * processes would share a store such as Redis with the same keys):
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

/** The process's one throttle, used by the login route. */
export const loginThrottle = createLoginThrottle();
