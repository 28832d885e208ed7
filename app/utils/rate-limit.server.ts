/**
 * A fixed-window limiter in memory: enough for one process. Several processes need a shared store
 * (Redis) instead; the keys and limits stay the same.
 */
type Window = { start: number; count: number };

export function createRateLimiter({ limit, windowMs, maxKeys = 50_000 }: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, Window>();
  return {
    /** Counts a hit; returns the seconds to wait when over the limit, else 0. */
    hit(key: string, now = Date.now()): number {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (windows.size >= maxKeys) {
          // Forget the oldest windows rather than grow without bound.
          for (const [k, v] of windows) {
            if (now - v.start >= windowMs || windows.size >= maxKeys) windows.delete(k);
            if (windows.size < maxKeys * 0.9) break;
          }
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
    },
  };
}
