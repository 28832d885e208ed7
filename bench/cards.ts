/**
 * Share-card benchmark: how long a story card (1080×1920) takes uncached and cached, and how long
 * rendering blocks the event loop, in this thread and in the worker pool, beside a bare baseline
 * (the same satori → resvg → PNG pipeline on an empty card of the same size). See bench/README.md.
 *
 *   npm run bench:cards -- [--n 40] [--burst 4]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

type Options = { n: number; burst: number };

function parseArgs(argv: string[]): Options {
  const options: Options = { n: 40, burst: 4 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split("=", 2);
    const value = () => Number(inline ?? argv[++i]);
    if (key === "--n") options.n = value();
    else if (key === "--burst") options.burst = value();
    else if (key === "--help" || key === "-h") {
      console.log("usage: npm run bench:cards -- [--n 40] [--burst 4]");
      process.exit(0);
    } else {
      console.error(`Unknown argument ${argv[i]}; try --help.`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.n) || options.n < 5 || options.n > 2000) throw new Error("--n must be 5–2000");
  if (!Number.isInteger(options.burst) || options.burst < 1 || options.burst > 32) throw new Error("--burst must be 1–32");
  return options;
}

const options = parseArgs(process.argv.slice(2));

// The cache writes under DATA_DIR: a fresh temporary folder, removed on exit.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-bench-cards-"));
process.env.DATA_DIR = dataDir;
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
process.on("SIGINT", () => process.exit(130));

const { getCard, cardCacheStats, clearCardMemoryCache } = await import("~/modules/share-cards/card-cache.server.ts");
const { configureRasterizer, closeRasterizer, rasterizerInfo } = await import("~/modules/share-cards/card-pool.server.ts");
const { rasterizeBlank } = await import("~/modules/share-cards/card-raster.mjs");
type CardInput = import("~/modules/share-cards/card-render.server.ts").CardInput;

const headlines = [
  "Ny cykelsti langs Strandvejen mellem Fjordby og Strandhøj",
  "Hvad skal der ske i det nye ungehus?",
  "Skal skolernes sommerferie starte en uge tidligere?",
  "Lokalplan for boligområdet ved den gamle havn med 240 boliger og en ny skole",
  "Hvor skal de nye bænke og legepladser stå i Havneparken?",
  "Budget 2027: Hvilke tre idéer skal have pengene?",
];

let serial = 0;
/** A story card whose headline has never been rendered before. */
function freshInput(): CardInput {
  serial++;
  return {
    format: "story",
    lng: serial % 2 ? "da" : "en",
    municipality: {
      name: "Fjordby Kommune",
      primaryColor: "#0b4f6c",
      accentColor: "#f6c453",
      logoSvg: fs.readFileSync(path.resolve("public/brand/fjordby-logo.svg"), "utf8"),
    },
    kind: (["hearing", "participation", "decision"] as const)[serial % 3],
    kindLabel: ["Høring", "Deltagelse", "Beslutning"][serial % 3],
    eyebrow: "Kommunen vil høre dig",
    headline: `${headlines[serial % headlines.length]} (${serial})`,
    deadlineText: "Svar senest 11. december 2026 kl. 12.00",
    joinUrl: "https://raadslag.fjordby.dk/j/GBU9PF?via=qr",
    shortLinkText: "raadslag.fjordby.dk/j/GBU9PF",
    ctaText: "Scan eller tryk på linket",
  };
}

type Row = {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  /**
   * Event-loop delay while the phase ran (10 ms resolution, so an idle loop reads ~10 ms); null
   * when the phase was over before the monitor took a sample.
   */
  loopMax: number | null;
  loopP99: number | null;
};

const round = (v: number) => Math.round(v * 10) / 10;
function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Call times and event-loop delay of one kind of operation, gathered over several turns. */
class Meter {
  readonly times: number[] = [];
  /** Per turn: event-loop delay max and p99 in ms. */
  readonly loops: { max: number; p99: number }[] = [];
  constructor(readonly name: string) {}

  /** One turn: `op` `count` times, `parallel` at once. */
  async turn(count: number, op: () => Promise<unknown>, parallel = 1) {
    // A fresh monitor per turn: one that is disabled and enabled again counts the pause between
    // turns as delay, and these histograms cannot be merged.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (let done = 0; done < count; done += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, count - done) }, async () => {
          const start = performance.now();
          await op();
          this.times.push(performance.now() - start);
        }),
      );
      // Back to the event loop between rounds, as a server would be: without it, calls that
      // finish in microtasks never let the delay monitor's timer run, and a block reads as 0.
      await new Promise((resolve) => setImmediate(resolve));
    }
    loop.disable();
    if (loop.count) this.loops.push({ max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 });
  }

  row(): Row {
    const times = [...this.times].sort((a, b) => a - b);
    const row: Row = {
      name: this.name,
      n: times.length,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      max: round(times[times.length - 1]),
      loopMax: this.loops.length ? round(Math.max(...this.loops.map((l) => l.max))) : null,
      // The worst turn's p99: a turn is 5 calls, so this is close to the worst single block.
      loopP99: this.loops.length ? round(Math.max(...this.loops.map((l) => l.p99))) : null,
    };
    const cell = (v: number | null, width: number) => String(v ?? "–").padStart(width);
    console.log(`${row.name.padEnd(40)} ${cell(row.p50, 7)} ${cell(row.p95, 7)} ${cell(row.max, 7)} ${cell(row.loopMax, 9)} ${cell(row.loopP99, 9)}`);
    return row;
  }
}

const { n, burst } = options;
console.log(`Share cards: story 1080×1920, ${n} per row, ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`${"".padEnd(40)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"max ms".padStart(7)} ${"loop max".padStart(9)} ${"loop p99".padStart(9)}`);

// Warm-up: module loading, JIT, satori's font parsing and the worker's start. Both modes get the
// same: a worker is a fresh V8 isolate whose JIT starts cold.
const warmUp = 10;
for (const mode of ["inline", "worker"] as const) {
  await configureRasterizer({ mode });
  for (let i = 0; i < warmUp; i++) await getCard(freshInput());
}
await rasterizeBlank(1080, 1920, "#0b4f6c");
const { workers } = rasterizerInfo();

const meters = {
  idle: new Meter("idle: 20 ms waits (machine noise)"),
  baseline: new Meter("baseline: blank card, in-thread"),
  inline: new Meter("uncached, in-thread"),
  worker: new Meter(`uncached, worker pool (${workers})`),
  inlineBurst: new Meter(`uncached, in-thread, ${burst} at once`),
  workerBurst: new Meter(`uncached, worker pool (${workers}), ${burst} at once`),
};

// Turn by turn, so that load from elsewhere on the machine falls on every row alike rather than
// on whichever happened to run at that moment.
const turnSize = 5;
for (let done = 0; done < n; done += turnSize) {
  const count = Math.min(turnSize, n - done);
  await meters.idle.turn(count, () => new Promise((resolve) => setTimeout(resolve, 20)));
  await meters.baseline.turn(count, () => rasterizeBlank(1080, 1920, "#0b4f6c"));
  await configureRasterizer({ mode: "inline" });
  await meters.inline.turn(count, () => getCard(freshInput()));
  await configureRasterizer({ mode: "worker" });
  await meters.worker.turn(count, () => getCard(freshInput()));
}
for (let done = 0; done < n; done += burst * 2) {
  await configureRasterizer({ mode: "inline" });
  await meters.inlineBurst.turn(burst * 2, () => getCard(freshInput()), burst);
  await configureRasterizer({ mode: "worker" });
  await meters.workerBurst.turn(burst * 2, () => getCard(freshInput()), burst);
}

const rows: Record<string, Row> = {};
for (const [key, meter] of Object.entries(meters)) rows[key] = meter.row();

const hot = freshInput();
await getCard(hot);
const memory = new Meter("cached: memory");
await memory.turn(n * 5, () => getCard(hot));
rows.memory = memory.row();
const disk = new Meter("cached: disk");
await disk.turn(n, () => {
  clearCardMemoryCache();
  return getCard(hot);
});
rows.disk = disk.row();
await closeRasterizer();

const goals = {
  uncachedP95Under150: rows.worker.p95 < 150,
  cachedP95Under5: rows.memory.p95 < 5 && rows.disk.p95 < 5,
  loopMaxUnder50InThread: (rows.inline.loopMax ?? 0) < 50,
  loopMaxUnder50Worker: (rows.worker.loopMax ?? 0) < 50,
};
const ratio = (row: Row) => `${(row.p50 / rows.baseline.p50).toFixed(2)}× p50, ${(row.p95 / rows.baseline.p95).toFixed(2)}× p95`;
const mark = (ok: boolean) => (ok ? "met" : "MISSED");
console.log("");
console.log(`uncached / baseline: in-thread ${ratio(rows.inline)}; worker ${ratio(rows.worker)}`);
console.log(`goal uncached p95 < 150 ms (worker): ${mark(goals.uncachedP95Under150)}`);
console.log(`goal cached p95 < 5 ms (memory and disk): ${mark(goals.cachedP95Under5)}`);
console.log(
  `goal event loop blocked < 50 ms: in-thread ${mark(goals.loopMaxUnder50InThread)} (${rows.inline.loopMax} ms), worker ${mark(goals.loopMaxUnder50Worker)} (${rows.worker.loopMax} ms)`,
);
console.log(`cache: ${JSON.stringify(cardCacheStats())}`);

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.resolve("bench", "results", `cards-${stamp}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version },
      options,
      workers,
      rows,
      goals,
      cache: cardCacheStats(),
    },
    null,
    2,
  ),
);
console.log(`results: ${path.relative(process.cwd(), file)}`);
