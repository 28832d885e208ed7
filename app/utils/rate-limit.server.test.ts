import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.server";

describe("rate limiter", () => {
  it("lets the limit through, then says how many seconds to wait until the window ends", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.hit("a", t0))).toEqual([0, 0, 0]);
    expect(limiter.hit("a", t0 + 15_000)).toBe(45);
    expect(limiter.hit("b", t0 + 15_000)).toBe(0);
  });

  it("starts a fresh window once the old one has passed", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000 });
    expect(limiter.hit("a", 0)).toBe(0);
    expect(limiter.hit("a", 500)).toBe(1);
    expect(limiter.hit("a", 1_000)).toBe(0);
  });

  it("when full, forgets the oldest tenth and keeps a newer key's count", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`, i);
    limiter.hit("k99", 100);
    limiter.hit("k99", 100); // k99 is now over its limit
    limiter.hit("new", 101); // the map is full: the ten oldest go
    expect(limiter.size).toBe(91);
    expect(limiter.hit("k99", 102)).toBeGreaterThan(0);
    expect(limiter.hit("k0", 102)).toBe(0); // forgotten, so it starts again
  });

  it("counts a restarted window as new, so it is not forgotten before windows that are older", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 10, maxKeys: 10 });
    limiter.hit("early", 0);
    for (let i = 1; i < 10; i++) limiter.hit(`k${i}`, 20 + i);
    limiter.hit("early", 40); // its window restarts: it is now the newest
    limiter.hit("early", 40);
    limiter.hit("another", 41); // full: the oldest (k1) goes, not "early"
    expect(limiter.hit("early", 42)).toBeGreaterThan(0);
  });

  it("stays bounded under a flood of distinct keys", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 1_000 });
    for (let i = 0; i < 20_000; i++) limiter.hit(`ip${i}`, i);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
  });
});
