/**
 * Where cards are rasterised: in a small pool of worker threads by default, so that the 50–150 ms
 * of synchronous satori and resvg work per card never stalls the event loop that serves pages
 * and live discussions (measured in bench/cards.ts). In-thread rendering remains for the
 * benchmark's comparison and as the fallback when a worker cannot start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { rasterize } from "./card-raster.mjs";

export type RasterMode = "worker" | "inline";

type Job = {
  id: number;
  element: unknown;
  width: number;
  height: number;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
};
type Slot = { worker: Worker; job: Job | null };

/** One worker per core beyond the one the server runs on, at least one and at most two. */
function defaultPoolSize() {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

/**
 * The worker runs card-raster.mjs as it is on disk. Beside this module in the source tree (tests,
 * benchmark, tsx); from the project folder once the app is bundled into build/, which, like the
 * translations in public/, is where the server is started from.
 */
function workerScript(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL("./card-raster.mjs", import.meta.url)));
  } catch {
    // Not a file: URL (bundled in an unusual way); fall through to the project folder.
  }
  candidates.push(path.resolve("app", "modules", "share-cards", "card-raster.mjs"));
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

class RasterPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  /** Workers that died before finishing a single job; after a few, give up on workers. */
  private failedStarts = 0;
  broken = false;

  constructor(
    private readonly size: number,
    private readonly script: string,
  ) {}

  run(element: unknown, width: number, height: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, element, width, height, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      // A busy worker keeps the process alive (a script awaiting a card); an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, element: job.element, width: job.width, height: job.height });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: { role: "share-card-raster" } });
    const slot: Slot = { worker, job: null };
    let finishedOne = false;
    worker.on("message", (message: { id: number; png?: ArrayBuffer; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      slot.job = null;
      worker.unref();
      finishedOne = true;
      this.failedStarts = 0;
      if (message.png) job.resolve(Buffer.from(message.png));
      else job.reject(new Error(message.error ?? "Card rendering failed"));
      this.dispatch();
    });
    const fail = (error: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      if (!finishedOne && ++this.failedStarts >= 3) this.broken = true;
      const job = slot.job;
      slot.job = null;
      if (job) job.reject(error);
      if (this.broken) {
        for (const waiting of this.queue.splice(0)) waiting.reject(error);
      } else {
        this.dispatch();
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) fail(new Error(`Card worker stopped (exit code ${code})`));
    });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  async close() {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

let mode: RasterMode = "worker";
let poolSize = defaultPoolSize();
let pool: RasterPool | null = null;
let warned = false;

/**
 * Chooses in-thread or worker rendering (the benchmark measures both, turn by turn). A running pool
 * is kept (idle workers hold no event-loop reference) unless its size changes.
 */
export async function configureRasterizer(options: { mode?: RasterMode; workers?: number }) {
  if (options.workers && Math.max(1, Math.floor(options.workers)) !== poolSize) {
    await closeRasterizer();
    poolSize = Math.max(1, Math.floor(options.workers));
  }
  if (options.mode) mode = options.mode;
}

export async function closeRasterizer() {
  const current = pool;
  pool = null;
  await current?.close();
}

export function rasterizerInfo() {
  return { mode: pool?.broken ? ("inline" as const) : mode, workers: mode === "worker" ? poolSize : 0 };
}

/** The element tree as a PNG: in a worker when possible, in this thread otherwise. */
export async function rasterizeCard(element: unknown, width: number, height: number): Promise<Buffer> {
  if (mode === "worker") {
    if (!pool) {
      const script = workerScript();
      if (script) pool = new RasterPool(poolSize, script);
    }
    if (pool && !pool.broken) {
      try {
        return await pool.run(element, width, height);
      } catch (error) {
        if (!pool.broken) throw error;
      }
    }
    if (!warned) {
      warned = true;
      console.warn("Share cards: worker threads unavailable, rendering in the main thread");
    }
  }
  return rasterize(element, width, height);
}
