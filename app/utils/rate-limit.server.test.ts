import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient } from "redis";
import { announceSkipped, redisInstalled, startRedis, type TestRedis } from "../../tests/redis.ts";
import { createRateLimiter, createRedisStore, sharedKey, shareRateLimits } from "./rate-limit.server";

describe("rate limiter", () => {
  it("lets the limit through, then says how many seconds to wait until the window ends", async () => {
    const limiter = createRateLimiter({ name: "t", limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    expect(await Promise.all([1, 2, 3].map(() => limiter.hit("a", t0)))).toEqual([0, 0, 0]);
    expect(await limiter.hit("a", t0 + 15_000)).toBe(45);
    expect(await limiter.hit("b", t0 + 15_000)).toBe(0);
  });

  it("starts a fresh window once the old one has passed", async () => {
    const limiter = createRateLimiter({ name: "t", limit: 1, windowMs: 1_000 });
    expect(await limiter.hit("a", 0)).toBe(0);
    expect(await limiter.hit("a", 500)).toBe(1);
    expect(await limiter.hit("a", 1_000)).toBe(0);
  });

  it("peeks at a used-up window without counting", async () => {
    const limiter = createRateLimiter({ name: "t", limit: 2, windowMs: 60_000 });
    expect(await limiter.peek("a", 0)).toBe(0);
    await limiter.hit("a", 0);
    expect(await limiter.peek("a", 1_000)).toBe(0);
    await limiter.hit("a", 1_000);
    expect(await limiter.peek("a", 30_000)).toBe(30);
    expect(await limiter.peek("a", 30_000)).toBe(30);
    expect(await limiter.peek("a", 60_000)).toBe(0);
  });

  it("when full, forgets the oldest tenth and keeps a newer key's count", async () => {
    const limiter = createRateLimiter({ name: "t", limit: 2, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 100; i++) await limiter.hit(`k${i}`, i);
    await limiter.hit("k99", 100);
    await limiter.hit("k99", 100); // k99 is now over its limit
    await limiter.hit("new", 101); // the map is full: the ten oldest go
    expect(limiter.size).toBe(91);
    expect(await limiter.hit("k99", 102)).toBeGreaterThan(0);
    expect(await limiter.hit("k0", 102)).toBe(0); // forgotten, so it starts again
  });

  it("counts a restarted window as new, so it is not forgotten before windows that are older", async () => {
    const limiter = createRateLimiter({ name: "t", limit: 1, windowMs: 10, maxKeys: 10 });
    await limiter.hit("early", 0);
    for (let i = 1; i < 10; i++) await limiter.hit(`k${i}`, 20 + i);
    await limiter.hit("early", 40); // its window restarts: it is now the newest
    await limiter.hit("early", 40);
    await limiter.hit("another", 41); // full: the oldest (k1) goes, not "early"
    expect(await limiter.hit("early", 42)).toBeGreaterThan(0);
  });

  it("stays bounded under a flood of distinct keys", async () => {
    const limiter = createRateLimiter({ name: "t", limit: 1, windowMs: 60_000, maxKeys: 1_000 });
    for (let i = 0; i < 20_000; i++) await limiter.hit(`ip${i}`, i);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
  });
});

// ---- Several processes: windows in a real Redis, started for these tests only ----

announceSkipped("rate limits shared through Redis");

describe.skipIf(!redisInstalled)("rate limits shared through Redis", () => {
  let redis: TestRedis;
  let url: string;
  // Each client stands for one app process.
  const clients: { isOpen: boolean; destroy(): void }[] = [];
  let run = 0;

  async function processClient() {
    const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50, connectTimeout: 500 } });
    client.on("error", () => {});
    await client.connect();
    clients.push(client);
    return client;
  }
  // A fresh name per test, so tests do not share windows in the one Redis.
  const uniqueName = () => `test${++run}-${Date.now()}`;

  beforeAll(async () => {
    redis = await startRedis();
    url = redis.url;
  });
  afterEach(() => shareRateLimits(null));
  afterAll(async () => {
    for (const client of clients) if (client.isOpen) client.destroy();
    await redis?.stop();
  });

  it("refuses past the limit and says how many seconds are left of the window", async () => {
    const limiter = createRateLimiter({ name: uniqueName(), limit: 3, windowMs: 60_000, store: createRedisStore(await processClient()) });
    expect(await Promise.all([1, 2, 3].map(() => limiter.hit("198.51.100.7")))).toEqual([0, 0, 0]);
    expect(await limiter.hit("198.51.100.7")).toBe(60);
    expect(await limiter.hit("198.51.100.8")).toBe(0);
  });

  it("starts a fresh window once the old one has passed", async () => {
    const limiter = createRateLimiter({ name: uniqueName(), limit: 1, windowMs: 300, store: createRedisStore(await processClient()) });
    expect(await limiter.hit("a")).toBe(0);
    expect(await limiter.hit("a")).toBe(1);
    await new Promise((r) => setTimeout(r, 350));
    expect(await limiter.hit("a")).toBe(0);
  });

  it("peeks at a used-up window without counting", async () => {
    const limiter = createRateLimiter({ name: uniqueName(), limit: 2, windowMs: 60_000, store: createRedisStore(await processClient()) });
    expect(await limiter.peek("a")).toBe(0);
    await limiter.hit("a");
    expect(await limiter.peek("a")).toBe(0);
    await limiter.hit("a");
    expect(await limiter.peek("a")).toBe(60);
    expect(await limiter.peek("a")).toBe(60);
  });

  it("holds the limit in total across two processes, not once per process", async () => {
    const name = uniqueName();
    const a = createRateLimiter({ name, limit: 4, windowMs: 60_000, store: createRedisStore(await processClient()) });
    const b = createRateLimiter({ name, limit: 4, windowMs: 60_000, store: createRedisStore(await processClient()) });
    const answers = [];
    for (const limiter of [a, b, a, b, a, b]) answers.push(await limiter.hit("203.0.113.5"));
    expect(answers.map((s) => s > 0)).toEqual([false, false, false, false, true, true]);
    // Another limiter's keys are its own, even for the same address.
    const other = createRateLimiter({ name: uniqueName(), limit: 4, windowMs: 60_000, store: createRedisStore(await processClient()) });
    expect(await other.hit("203.0.113.5")).toBe(0);
  });

  it("counts every limiter in Redis once shared at start-up", async () => {
    const client = await processClient();
    const name = uniqueName();
    const limiter = createRateLimiter({ name, limit: 1, windowMs: 60_000 });
    shareRateLimits(client, { isReady: () => client.isReady });
    await limiter.hit("a");
    // Stored under a hash of the key: no client address in clear in Redis.
    expect(await client.get(`raadslag:rate:${name}:${sharedKey("a")}`)).toBe("1");
    expect(await client.pTTL(`raadslag:rate:${name}:${sharedKey("a")}`)).toBeGreaterThan(59_000);
    expect(await client.keys("*198.51.100.7*")).toEqual([]);
  });

  it("with Redis down, falls back to each process's own memory with one warning: looser, never unlimited", async () => {
    const ownRedis = await startRedis();
    const client = createClient({ url: ownRedis.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50, connectTimeout: 500 } });
    client.on("error", () => {});
    await client.connect();
    clients.push(client);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      shareRateLimits(client, { isReady: () => client.isReady, timeoutMs: 200 });
      const limiter = createRateLimiter({ name: uniqueName(), limit: 2, windowMs: 60_000 });
      expect(await limiter.hit("a")).toBe(0);
      await ownRedis.stop();
      const started = Date.now();
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await limiter.hit("a"));
      // Counted from zero in this process's memory: two more go through, then the limit holds.
      expect(answers.map((s) => s > 0)).toEqual([false, false, true, true]);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(warn.mock.calls.filter(([line]) => String(line).includes("shared store unavailable"))).toHaveLength(1);
    } finally {
      warn.mockRestore();
      await ownRedis.stop();
    }
  });
});
