import * as loginRoute from "~/routes/login.tsx";
import { createMunicipality, createStaff } from "../../../tests/factories.ts";
import { callRoute, formRequest } from "../../../tests/route-call.ts";
import { createClient } from "redis";
import { sharedKey, shareRateLimits } from "~/utils/rate-limit.server.ts";
import { announceSkipped, redisInstalled, startRedis, type TestRedis } from "../../../tests/redis.ts";
import { createLoginThrottle, createProcessLoginThrottle, createRedisLoginThrottle } from "./login-throttle.server.ts";

const password = "korrekt-hest-batteri";
const minute = 60_000;
let addressCounter = 0;

/** Each test logs in from its own client address, so the per-address brake is its own too. */
function newAddress() {
  addressCounter++;
  return `203.0.113.${addressCounter}`;
}

async function logIn(email: string, pass: string, address: string) {
  const request = formRequest("http://localhost/login", { email, password: pass, redirectTo: "/admin" });
  const answer = await callRoute(loginRoute, "action", request, {}, { clientAddress: address });
  if (answer.error) throw answer.error;
  return answer;
}

async function staffEmail() {
  const m = await createMunicipality();
  return (await createStaff(m.id, "editor", password)).email;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2030-03-01T09:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("logging in is throttled per account", () => {
  it("five wrong passwords lock the account for 15 minutes, even against the right password, with 429 and Retry-After", async () => {
    const email = await staffEmail();
    const address = newAddress();
    for (let i = 0; i < 4; i++) expect((await logIn(email, "forkert", address)).status).toBe(400);
    const locked = await logIn(email, "forkert", address);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("Retry-After")).toBe("900");
    expect(locked.body).toMatchObject({ errors: { form: "login.tooMany" }, retryAfterSeconds: 900 });

    vi.advanceTimersByTime(5 * minute);
    const stillLocked = await logIn(email, password, address);
    expect(stillLocked.status).toBe(429);
    expect(stillLocked.headers.get("Retry-After")).toBe("600");
    expect(stillLocked.headers.get("Set-Cookie")).toBeNull();

    vi.advanceTimersByTime(10 * minute);
    const afterwards = await logIn(email, password, address);
    expect(afterwards.status).toBe(302);
    expect(afterwards.headers.get("Set-Cookie")).toMatch(/^raadslag_session=/);
  });

  it("the lock grows each time the guessing starts again", async () => {
    const email = await staffEmail();
    const address = newAddress();
    const lockAfterFiveWrong = async () => {
      for (let i = 0; i < 4; i++) await logIn(email, "forkert", address);
      return (await logIn(email, "forkert", address)).headers.get("Retry-After");
    };
    expect(await lockAfterFiveWrong()).toBe("900");
    vi.advanceTimersByTime(15 * minute);
    expect(await lockAfterFiveWrong()).toBe("1800");
    vi.advanceTimersByTime(30 * minute);
    expect(await lockAfterFiveWrong()).toBe("3600");
  });

  it("a successful login starts the account's count again", async () => {
    const email = await staffEmail();
    const address = newAddress();
    for (let i = 0; i < 4; i++) await logIn(email, "forkert", address);
    expect((await logIn(email, password, address)).status).toBe(302);
    for (let i = 0; i < 4; i++) expect((await logIn(email, "forkert", address)).status).toBe(400);
  });

  it("wrong passwords spread over more than 15 minutes never lock the account", async () => {
    const email = await staffEmail();
    const address = newAddress();
    for (let i = 0; i < 8; i++) {
      expect((await logIn(email, "forkert", address)).status).toBe(400);
      vi.advanceTimersByTime(4 * minute);
    }
  });

  it("an address without an account gets exactly the same answers, so the form reveals no accounts", async () => {
    const real = await staffEmail();
    const invented = `ingen-${Date.now()}@testby.dk`;
    const answers = async (email: string) => {
      const address = newAddress();
      const seen = [];
      for (let i = 0; i < 6; i++) {
        const a = await logIn(email, "forkert", address);
        seen.push({ status: a.status, retryAfter: a.headers.get("Retry-After"), errors: (a.body as { errors: unknown }).errors });
      }
      return seen;
    };
    const forReal = await answers(real);
    expect(forReal.map((a) => a.status)).toEqual([400, 400, 400, 400, 429, 429]);
    expect(await answers(invented)).toEqual(forReal);
  });

  it("the address is counted as the login form reads it: case and spaces do not make a new account", async () => {
    const email = await staffEmail();
    const address = newAddress();
    const spellings = [email, email.toUpperCase(), ` ${email}`, `${email} `, email.replace(/^./, (c) => c.toUpperCase())];
    const statuses = [];
    for (const spelling of spellings) statuses.push((await logIn(spelling, "forkert", address)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });
});

describe("logging in is throttled per client address", () => {
  it("30 failed attempts from one address in 15 minutes, across many accounts, stop that address only", async () => {
    const address = newAddress();
    for (let i = 0; i < 29; i++) expect((await logIn(`gaet${i}@testby.dk`, "forkert", address)).status).toBe(400);
    const last = await logIn("gaet29@testby.dk", "forkert", address);
    expect(last.status).toBe(400);
    const refused = await logIn("gaet30@testby.dk", "forkert", address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBe(900);

    // A staff member at another address is not affected; this one waits out the window.
    const email = await staffEmail();
    expect((await logIn(email, password, address)).status).toBe(429);
    expect((await logIn(email, password, newAddress())).status).toBe(302);
    vi.advanceTimersByTime(15 * minute);
    expect((await logIn(email, password, address)).status).toBe(302);
  });

  it("successful logins do not count, so a whole office can log in from one address", async () => {
    const address = newAddress();
    const m = await createMunicipality();
    for (let i = 0; i < 35; i++) {
      const user = await createStaff(m.id, "editor", password);
      expect((await logIn(user.email, password, address)).status).toBe(302);
    }
  });

  it("an empty password is refused without counting as a guess", async () => {
    const email = await staffEmail();
    const address = newAddress();
    for (let i = 0; i < 10; i++) {
      const answer = await logIn(email, "", address);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ errors: { password: "validation.passwordRequired" } });
    }
    expect((await logIn(email, password, address)).status).toBe(302);
  });
});

describe("the throttle on its own", () => {
  it("guesses sent all at once are counted before any password is checked", () => {
    const throttle = createLoginThrottle();
    const now = Date.parse("2030-03-01T09:00:00Z");
    const waits = Array.from({ length: 20 }, () => throttle.attempt("a@testby.dk", "198.51.100.1", now));
    expect(waits.filter((w) => w === null)).toHaveLength(5);
    expect(waits[5]).toEqual({ seconds: 900, reason: "account" });
  });

  it("keeps a bounded memory however many addresses are invented", () => {
    const throttle = createLoginThrottle({ maxKeys: 100 });
    const now = Date.parse("2030-03-01T09:00:00Z");
    for (let i = 0; i < 1000; i++) {
      throttle.attempt(`x${i}@testby.dk`, `10.0.${i >> 8}.${i & 255}`, now);
      throttle.failure(`x${i}@testby.dk`, now);
    }
    // The most recent account is still remembered after the oldest were forgotten.
    for (let i = 0; i < 4; i++) throttle.attempt("x999@testby.dk", "10.9.9.9", now), throttle.failure("x999@testby.dk", now);
    expect(throttle.attempt("x999@testby.dk", "10.9.9.9", now)).toMatchObject({ reason: "account" });
  });
});

// ---- Several processes: the throttle in a real Redis, started for these tests only ----

announceSkipped("login throttle shared through Redis");

describe.skipIf(!redisInstalled)("logging in is throttled across processes (Redis)", () => {
  let redis: TestRedis;
  const clients: { isOpen: boolean; destroy(): void }[] = [];
  const now = Date.parse("2030-03-01T09:00:00Z");
  let run = 0;

  async function processClient(url = redis.url) {
    const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50, connectTimeout: 500 } });
    client.on("error", () => {});
    await client.connect();
    clients.push(client);
    return client;
  }
  // Each test guesses at its own account, from its own address.
  const fresh = () => ({ email: `gaet${++run}-${Date.now()}@testby.dk`, address: `192.0.2.${run}` });

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(() => shareRateLimits(null));
  afterAll(async () => {
    for (const client of clients) if (client.isOpen) client.destroy();
    await redis?.stop();
  });

  it("five wrong passwords through two processes lock the account in both, for 15 minutes", async () => {
    const a = createRedisLoginThrottle(await processClient());
    const b = createRedisLoginThrottle(await processClient());
    const { email, address } = fresh();
    for (const [i, process] of [a, b, a, b, a].entries()) {
      expect(await process.attempt(email, address, now)).toBeNull();
      const lock = await process.failure(email, now);
      expect(lock).toEqual(i === 4 ? { seconds: 900, reason: "account" } : null);
    }
    expect(await a.attempt(email, "198.51.100.77", now + minute)).toEqual({ seconds: 840, reason: "account" });
    expect(await b.attempt(email.toUpperCase(), "198.51.100.78", now + minute)).toEqual({ seconds: 840, reason: "account" });
    // Locked again within a day: twice as long.
    const later = now + 16 * minute;
    for (let i = 0; i < 5; i++) (await b.attempt(email, address, later)) ?? (await a.failure(email, later));
    expect(await a.attempt(email, address, later + 1)).toEqual({ seconds: 1800, reason: "account" });
  });

  it("guesses sent all at once to two processes are counted before any password is checked", async () => {
    const a = createRedisLoginThrottle(await processClient());
    const b = createRedisLoginThrottle(await processClient());
    const { email, address } = fresh();
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).attempt(email, address, now)));
    expect(waits.filter((w) => w === null)).toHaveLength(5);
  });

  it("one address is stopped after 30 attempts in total, and a successful login gives its attempt back", async () => {
    const a = createRedisLoginThrottle(await processClient());
    const b = createRedisLoginThrottle(await processClient());
    const { address } = fresh();
    expect(await a.attempt("kontor@testby.dk", address, now)).toBeNull();
    await b.success("kontor@testby.dk", address, now);
    for (let i = 0; i < 30; i++) expect(await (i % 2 ? a : b).attempt(`konto${i}@testby.dk`, address, now)).toBeNull();
    expect(await a.attempt("en-til@testby.dk", address, now + minute)).toEqual({ seconds: 840, reason: "address" });
    expect(await b.attempt("en-til@testby.dk", address, now + 15 * minute)).toBeNull();
  });

  it("with Redis down, each process falls back to its own memory: the account still locks", async () => {
    const own = await startRedis();
    const client = await processClient(own.url);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      shareRateLimits(client, { isReady: () => client.isReady, timeoutMs: 200 });
      const throttle = createProcessLoginThrottle();
      const { email, address } = fresh();
      expect(await throttle.attempt(email, address, now)).toBeNull();
      expect(await client.exists(`raadslag:login:account:${sharedKey(email)}`)).toBe(1);
      await own.stop();
      for (let i = 0; i < 5; i++) {
        expect(await throttle.attempt(email, address, now + i)).toBeNull();
        await throttle.failure(email, now + i);
      }
      expect(await throttle.attempt(email, address, now + 10)).toMatchObject({ reason: "account" });
    } finally {
      warn.mockRestore();
      await own.stop();
    }
  });
});
