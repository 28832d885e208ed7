/**
 * Helpers shared by the benchmark scripts (bench/realtime.mjs, bench/polls.mjs): child servers and
 * temp dirs that are cleaned up however a run ends, HTTP, the servers' loop figures over IPC, and
 * small numeric helpers.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// ---------------------------------------------------------------------------------------------
// Cleanup: children and temp dirs are tracked from the moment they exist, and removed on any exit.

export const children = new Set();
export const tempDirs = new Set();
let cleaningUp = false;

export function cleanupSync() {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {}
  }
  children.clear();
  for (const dir of tempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
  tempDirs.clear();
}

export async function cleanupAndExit(code, message) {
  if (cleaningUp) return;
  cleaningUp = true;
  if (message) console.error(message);
  await Promise.race([Promise.all([...children].map((child) => stopChild(child))), sleep(6000)]);
  cleanupSync();
  process.exit(code);
}

/** Stops the servers and removes the temp dirs on any exit, interruption or uncaught failure. */
export function cleanupOnExit() {
  process.on("exit", cleanupSync);
  process.on("SIGINT", () => void cleanupAndExit(130, "\nInterrupted; stopping servers."));
  process.on("SIGTERM", () => void cleanupAndExit(143, "Terminated; stopping servers."));
  process.on("uncaughtException", (error) => void cleanupAndExit(1, `Benchmark failed: ${error?.stack ?? error}`));
  process.on("unhandledRejection", (error) => void cleanupAndExit(1, `Benchmark failed: ${error?.stack ?? error}`));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const round = (x, digits = 1) => (x == null || Number.isNaN(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One HTTP request; never rejects: a failure is answered as status 0 with its error message. */
export function request(url, { method = "GET", body, headers = {}, agent, signal, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(url, { method, agent, headers, signal, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
      res.on("error", (error) => resolve({ status: 0, error: error.message, ms: performance.now() - started }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve({ status: 0, error: error.message, ms: performance.now() - started }));
    req.end(body);
  });
}

/** Busy and total CPU time of the whole machine (Linux), to tell how much others were using. */
export function machineCpu() {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Nearest-rank percentile of a sorted array, plain or typed. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------------------------------------
// Servers under test

export function ensureBuild() {
  const buildFile = path.join(root, "build", "index.js");
  if (fs.existsSync(buildFile)) return;
  console.log("No production build (build/index.js); running `npx remix build` first.");
  // esbuild does not type-check, so half-finished types elsewhere do not stop this build.
  const result = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit", timeout: 300_000 });
  if (result.status !== 0 || !fs.existsSync(buildFile)) {
    console.error('The build failed or timed out; run "npm run build" and try again.');
    process.exit(1);
  }
}

let ipcId = 0;
/**
 * Event-loop delay and CPU of a server since the previous call (bench/loop-monitor.mjs); the
 * server resets its figures on answering. null if it does not answer within `timeoutMs`.
 */
export function loopStats(child, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    if (!child.connected) return resolve(null);
    const id = ++ipcId;
    const onMessage = (message) => {
      if (message?.type !== "loop-stats" || message.id !== id) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(message);
    };
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      resolve(null);
    }, timeoutMs);
    child.on("message", onMessage);
    child.send({ type: "loop-stats", id });
  });
}

export async function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill("SIGKILL");
  await Promise.race([exited, sleep(2000)]);
}

/** Stops a server started with its child in `children` and its temp dir (`server.dir`) in `tempDirs`. */
export async function stopServer(server, graceMs) {
  await stopChild(server.child, graceMs);
  children.delete(server.child);
  fs.rmSync(server.dir, { recursive: true, force: true });
  tempDirs.delete(server.dir);
}
