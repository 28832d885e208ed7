/**
 * The real Rådslag server (server/index.mjs, unchanged) with an event-loop monitor attached, for
 * the realtime benchmark. Run with the repository root as working directory, as the server
 * resolves build/ and public/ from there.
 */
import http from "node:http";
import { startLoopMonitor } from "./loop-monitor.mjs";

startLoopMonitor();

// The server listens on all interfaces; a benchmark has no business being reachable from the
// network, so a bare `listen(port[, callback])` is pinned to loopback here instead of in the app.
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};

await import("../server/index.mjs");
