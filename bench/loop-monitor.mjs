/**
 * Event-loop delay and CPU use of a server under test, reported to the benchmark over IPC.
 *
 * The benchmark sends { type: "loop-stats", id }; the answer covers the time since the previous
 * request (or since start), and the histogram is then reset, so one request before the measured
 * window and one after it give exactly that window's figures.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

export function startLoopMonitor() {
  // 10 ms resolution: fine enough for a 50 ms goal, and cheap enough not to disturb the server.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let cpuSince = process.cpuUsage();
  let wallSince = performance.now();

  process.on("message", (message) => {
    if (!message || message.type !== "loop-stats") return;
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const cpu = process.cpuUsage(cpuSince);
    const wallMs = performance.now() - wallSince;
    const samples = histogram.count;
    process.send?.({
      type: "loop-stats",
      id: message.id,
      samples,
      p50: samples ? ms(histogram.percentile(50)) : null,
      p99: samples ? ms(histogram.percentile(99)) : null,
      max: samples ? ms(histogram.max) : null,
      mean: samples ? ms(histogram.mean) : null,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      // Share of one core; above ~95 % the process is CPU-bound and queues work.
      cpuPercent: wallMs > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10 : null,
      rssMb: Math.round(process.memoryUsage.rss() / 1048576),
    });
    histogram.reset();
    cpuSince = process.cpuUsage();
    wallSince = performance.now();
  });

  // If the benchmark dies without cleaning up, the IPC channel closes: do not linger as an orphan
  // holding a port and thousands of sockets.
  process.on("disconnect", () => process.exit(0));
}
