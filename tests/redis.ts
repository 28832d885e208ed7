/**
 * A Redis of the test's own: a `redis-server` child on a free port, nothing saved to disk, stopped
 * by the test. Without the binary the Redis suites are skipped, and say so.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";

export const redisInstalled = spawnSync("redis-server", ["--version"]).status === 0;

/** Call at the top of a suite that needs Redis, so a skipped suite is visible in the output. */
export function announceSkipped(suite: string) {
  if (!redisInstalled) console.warn(`[redis] SKIPPED: ${suite}. Install redis-server (apt-get install redis-server) to run it.`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export type TestRedis = { url: string; port: number; child: ChildProcess; stop(): Promise<void> };

/** Starts `redis-server` on `port` (a free one when not given) and waits until it answers. */
export async function startRedis(port?: number): Promise<TestRedis> {
  const p = port ?? (await freePort());
  const child = spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(p, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (up) return { url: `redis://127.0.0.1:${p}`, port: p, child, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`redis-server did not start on port ${p}`);
}
