#!/usr/bin/env node
/**
 * Summary of a V8 CPU profile (.cpuprofile, as `node --cpu-prof` writes it): where the sampled CPU
 * time went, by package and by function. `npm run bench:polls -- --profile` uses it on the app
 * server; it also runs on its own:
 *
 *   node bench/polls-profile.mjs <file.cpuprofile> [--top 20]
 *
 * Self time of native frames (no script: C++ bindings such as better-sqlite3's statements, crypto,
 * the HTTP parser) is charged to the nearest JavaScript caller's package, as "<package> › native",
 * because the package that called into C++ is what decides that the work happens.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rootUrl = `file://${root}/`;

/** Which package or part of the program a script belongs to; null for a native frame. */
function categoryOf(frame) {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === "(garbage collector)") return "V8: garbage collector";
    if (functionName === "(program)") return "V8: (program)";
    if (functionName === "(idle)" || functionName === "(root)") return functionName;
    return null;
  }
  if (url.startsWith("wasm://")) return "wasm";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const [first, second] = url.slice(nm + "/node_modules/".length).split("/");
    return first.startsWith("@") ? `${first}/${second}` : first;
  }
  if (url.startsWith("node:")) {
    const parts = url.slice(5).split("/");
    return `node:${parts[0] === "internal" && parts.length > 2 ? `internal/${parts[1]}` : parts.slice(0, 2).join("/")}`;
  }
  const local = url.startsWith(rootUrl) ? url.slice(rootUrl.length) : url.replace(/^file:\/\//, "");
  if (local === "build/index.js") return "app (build/index.js)";
  return local.startsWith("/") ? path.basename(local) : local;
}

function shortLocation(frame) {
  const { url, lineNumber } = frame;
  if (!url) return "native";
  const nm = url.lastIndexOf("/node_modules/");
  const file = nm >= 0 ? url.slice(nm + "/node_modules/".length) : url.startsWith(rootUrl) ? url.slice(rootUrl.length) : url.replace(/^file:\/\//, "");
  return `${file}:${lineNumber + 1}`;
}

/**
 * Self time by category and by function, and total (inclusive) time by function, over the samples
 * inside `window` ({ startUs, endUs } on the monotonic clock, which V8's profile timestamps and
 * process.hrtime share), or over the whole profile when no window is given or it does not overlap.
 */
export function summarizeProfile(file, window = null, top = 20) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Per node: its category (natives take their nearest scripted ancestor's), and its function key.
  const category = new Map();
  const key = new Map();
  const label = new Map();
  for (const n of profile.nodes) {
    const fn = n.callFrame.functionName || "(anonymous)";
    const k = `${fn} ${n.callFrame.url}:${n.callFrame.lineNumber}`;
    key.set(n.id, k);
    if (!label.has(k)) label.set(k, `${fn}  ${shortLocation(n.callFrame)}`);
  }
  const categoryFor = (id) => {
    if (category.has(id)) return category.get(id);
    const own = categoryOf(nodes.get(id).callFrame);
    let result = own;
    if (own === null) {
      let up = parent.get(id);
      while (up !== undefined && categoryOf(nodes.get(up).callFrame) === null) up = parent.get(up);
      const caller = up === undefined ? null : categoryOf(nodes.get(up).callFrame);
      result = caller && !caller.startsWith("(") ? `${caller} › native` : "native (no caller)";
    } else if (own === "wasm") {
      let up = parent.get(id);
      while (up !== undefined && ["wasm", null].includes(categoryOf(nodes.get(up).callFrame))) up = parent.get(up);
      const caller = up === undefined ? null : categoryOf(nodes.get(up).callFrame);
      result = caller ? `${caller} › wasm` : "wasm";
    }
    category.set(id, result);
    return result;
  };

  // Sample times: startTime plus the running sum of deltas; each sample weighs the gap to the next.
  const { samples, timeDeltas } = profile;
  const times = new Float64Array(samples.length);
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) times[i] = t += timeDeltas[i] ?? 0;
  let from = 0;
  let to = samples.length;
  let windowUsed = false;
  if (window && window.endUs > profile.startTime && window.startUs < profile.endTime) {
    from = times.findIndex((x) => x >= window.startUs);
    to = times.findIndex((x) => x > window.endUs);
    if (from < 0) from = samples.length;
    if (to < 0) to = samples.length;
    windowUsed = true;
  }

  // The nearest package on the stack that is not Node's own code: who asked for the work. Node's
  // internals (streams, undici's Request, URL, crypto, timers) are charged to the package that
  // called them, so that e.g. Remix's Fetch-API request conversion counts as Remix.
  const owner = new Map();
  const ownerFor = (id) => {
    if (owner.has(id)) return owner.get(id);
    let result = null;
    for (let up = id; up !== undefined; up = parent.get(up)) {
      const cat = categoryOf(nodes.get(up).callFrame);
      if (cat === null || cat === "wasm" || cat.startsWith("node:") || cat.startsWith("(")) continue;
      result = cat;
      break;
    }
    const own = categoryOf(nodes.get(id).callFrame);
    if (own?.startsWith("V8:") || own?.startsWith("(")) result = own;
    result ??= "node (no package on the stack)";
    owner.set(id, result);
    return result;
  };

  const selfByCategory = new Map();
  const selfByOwner = new Map();
  const selfByFunction = new Map();
  const totalByFunction = new Map();
  let totalUs = 0;
  let idleUs = 0;
  for (let i = from; i < to; i++) {
    const weight = i + 1 < samples.length ? timeDeltas[i + 1] : 0;
    if (weight <= 0) continue;
    const id = samples[i];
    totalUs += weight;
    const cat = categoryFor(id);
    if (cat === "(idle)") {
      idleUs += weight;
      continue;
    }
    selfByCategory.set(cat, (selfByCategory.get(cat) ?? 0) + weight);
    const who = ownerFor(id);
    selfByOwner.set(who, (selfByOwner.get(who) ?? 0) + weight);
    selfByFunction.set(key.get(id), (selfByFunction.get(key.get(id)) ?? 0) + weight);
    // Inclusive: each function on the stack once, however often it recurses.
    const seen = new Set();
    for (let up = id; up !== undefined; up = parent.get(up)) {
      const k = key.get(up);
      if (seen.has(k)) continue;
      seen.add(k);
      totalByFunction.set(k, (totalByFunction.get(k) ?? 0) + weight);
    }
  }
  const busyUs = totalUs - idleUs;
  const ms = (us) => Math.round(us / 100) / 10;
  const pct = (us) => (busyUs ? Math.round((us / busyUs) * 1000) / 10 : null);
  const ranked = (map, n, named) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => ({ [named ? "function" : "category"]: named ? label.get(k) : k, ms: ms(us), pct: pct(us) }));
  // Frames every sample passes through (the root, the event loop's own dispatch) say nothing.
  const generic = new Set(["(root)", "(program)", "(idle)", "(garbage collector)"]);
  const total = new Map([...totalByFunction.entries()].filter(([k]) => !generic.has(k.split(" ")[0]) && totalByFunction.get(k) < busyUs * 0.985));
  return {
    window: windowUsed ? "load window" : "whole profile",
    sampledMs: ms(totalUs),
    busyMs: ms(busyUs),
    idleMs: ms(idleUs),
    samples: to - from,
    byPackage: ranked(selfByCategory, 25, false),
    byCaller: ranked(selfByOwner, 15, false),
    topSelf: ranked(selfByFunction, top, true),
    topTotal: ranked(total, top + 10, true),
  };
}

export function printProfileSummary(summary) {
  if (summary.error) {
    console.log(`\nCPU profile: ${summary.error}`);
    return;
  }
  const row = (name, r) => `  ${String(r.ms.toFixed(1)).padStart(9)} ms ${String(r.pct.toFixed(1)).padStart(5)} %  ${name}`;
  console.log(`\nCPU profile of the app server${summary.file ? ` (${summary.file})` : ""}, ${summary.window}: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle, ${summary.samples} samples`);
  console.log("Self time by package (native frames charged to their JavaScript caller):");
  for (const r of summary.byPackage) console.log(row(r.category, r));
  if (summary.byCaller) {
    console.log("The same, with Node's own code charged to the package that called it:");
    for (const r of summary.byCaller) console.log(row(r.category, r));
  }
  console.log("Top functions by self time:");
  for (const r of summary.topSelf) console.log(row(r.function, r));
  console.log("Top functions by total time (self + callees, per synchronous stack):");
  for (const r of summary.topTotal) console.log(row(r.function, r));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const topIndex = args.indexOf("--top");
  if (!file) {
    console.error("usage: node bench/polls-profile.mjs <file.cpuprofile> [--top 20]");
    process.exit(2);
  }
  printProfileSummary({ file: path.basename(file), ...summarizeProfile(file, null, topIndex >= 0 ? Number(args[topIndex + 1]) : 20) });
}
