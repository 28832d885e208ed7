/**
 * Several processes behind one address (REDIS_URL): their socket.io servers are joined through a
 * Redis stream, and their rate limits are counted in Redis. Without REDIS_URL nothing here runs and
 * the one process keeps everything in memory. See docs/decisions/0015-several-processes.md.
 *
 * Why the streams adapter and not the pub/sub one: a stream keeps recent packets, so a page whose
 * connection dropped can be given what it missed by whichever process it reconnects to
 * (connection-state recovery); pub/sub forgets a packet the moment it is delivered.
 */
import { createClient } from "redis";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { getEnv } from "~/utils/env.server.ts";
import { shareRateLimits } from "~/utils/rate-limit.server.ts";
import type { RealtimeServer } from "./socket.server.ts";

type RedisClient = ReturnType<typeof createClient>;

/** A reachable Redis is part of the configuration: a process that cannot reach it does not start. */
const connectWithinMs = 10_000;

// While Redis is away, clients try again every half second at first, then every two seconds.
const reconnectStrategy = (retries: number) => Math.min(500 * (retries + 1), 2_000);

/**
 * Joins `io` to the other processes and shares the rate limits, when REDIS_URL is set. Resolves a
 * function that closes the Redis connections (for the shutdown, after the last request).
 */
export async function startScaleOut(io: RealtimeServer, { redisUrl = getEnv().REDIS_URL } = {}): Promise<() => Promise<void>> {
  if (!redisUrl) return async () => {};
  const opened: RedisClient[] = [];
  const warned = new WeakSet<RedisClient>();

  const track = (client: RedisClient, role: string): RedisClient => {
    opened.push(client);
    // Without a listener an error event would end the process; Redis going away is survivable.
    client.on("error", (error: Error) => {
      if (warned.has(client)) return;
      warned.add(client);
      console.warn(`[redis] ${role}: ${error.message}; trying again.`);
    });
    client.on("ready", () => {
      if (warned.delete(client)) console.warn(`[redis] ${role}: connected again.`);
    });
    // The adapter opens its own connections by duplicating ours (a blocking stream reader and a
    // subscriber); they get the same listener, and are closed with ours.
    const duplicate = client.duplicate.bind(client);
    client.duplicate = ((...args: Parameters<RedisClient["duplicate"]>) => track(duplicate(...args) as RedisClient, `${role} (duplicate)`)) as RedisClient["duplicate"];
    return client;
  };

  const socketOptions = { reconnectStrategy, connectTimeout: 5_000 };
  // The adapter's connection queues packets while Redis is briefly away, so they are sent late
  // rather than lost.
  const realtime = track(createClient({ url: redisUrl, socket: socketOptions }), "realtime");
  // The limiters' connection refuses at once while Redis is away: a request must not wait for it
  // (the limiters count in memory meanwhile, see utils/rate-limit.server.ts).
  const limits = track(createClient({ url: redisUrl, disableOfflineQueue: true, socket: socketOptions }), "rate limits");

  const closeAll = async () => {
    // Closing the adapters stops their stream reader before its connection goes.
    for (const nsp of (io as unknown as { _nsps: Map<string, { adapter: { close(): unknown } }> })._nsps.values()) {
      await Promise.resolve(nsp.adapter.close()).catch(() => {});
    }
    for (const client of opened) if (client.isOpen) client.destroy();
  };

  try {
    await withDeadline(Promise.all([realtime.connect(), limits.connect()]), connectWithinMs, `REDIS_URL: no answer from Redis within ${connectWithinMs / 1000} s`);
  } catch (error) {
    for (const client of opened) if (client.isOpen) client.destroy();
    throw error;
  }

  io.adapter(
    createAdapter(realtime, {
      // Named for this app, so a Redis shared with other services keeps them apart.
      streamName: "raadslag:realtime",
      channelPrefix: "raadslag:realtime",
      sessionKeyPrefix: "raadslag:realtime:session:",
    }),
  );
  shareRateLimits(limits, { isReady: () => limits.isReady });
  console.log("Several processes: live updates and rate limits are shared through Redis.");

  return async () => {
    shareRateLimits(null);
    await closeAll();
  };
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
