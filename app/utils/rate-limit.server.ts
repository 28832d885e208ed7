/**
 * A fixed-window limiter in memory: enough for one process. Several processes need a shared store
 * (Redis) instead; the keys and limits stay the same.
 */
type Window = { start: number; count: number };

export function createRateLimiter({ limit, windowMs, maxKeys = 50_000 }: { limit: number; windowMs: number; maxKeys?: number }) {
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

  return {
    /** Counts a hit; returns the seconds to wait when over the limit, else 0. */
    hit(key: string, now = Date.now()): number {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (w) windows.delete(key);
        if (windows.size >= maxKeys) forgetOldest();
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
    },
    /** How many keys are remembered; for tests and diagnostics. */
    get size() {
      return windows.size;
    },
  };
}
