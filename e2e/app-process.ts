/**
 * The real server as a child process of a spec, for the suites that must kill, restart or
 * duplicate it (faults, several processes) and so cannot use the shared web server.
 */
import { spawn, type ChildProcess } from "node:child_process";

export type AppProcess = {
  child: ChildProcess;
  /** Everything it printed, for the error message when a test fails. */
  log: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** What every such server gets besides its own port, database and folder: the demo, production mode. */
export const appProcessEnv = {
  SEED_ADMIN_EMAIL: "admin@fjordby.dk",
  SEED_ADMIN_PASSWORD: "Raadslag-demo-2026",
  NODE_ENV: "production" as const,
};

/** Starts `node server/index.mjs` on `port` and resolves once its health check answers. */
export async function startAppProcess(port: number, env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ["server/index.mjs"], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...appProcessEnv, PORT: String(port), ...env },
  });
  const log: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on ${port} exited during start-up:\n${log.join("")}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return { child, log, exited };
    if (Date.now() > deadline) throw new Error(`The server on ${port} did not become healthy:\n${log.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
