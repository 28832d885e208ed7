/**
 * A paced (open-loop) HTTP load generator, in the manner of wrk2, for bench/polls.mjs.
 *
 * Requests fall due at a fixed rate, spread evenly in time (request i is due at t0 + i / rate), and
 * go out over exactly `connections` keep-alive connections, all opened and answered once before the
 * first request is due. Each request's latency is measured from the moment it was *due*, not from
 * when it was sent: when the server stalls and every connection is busy, the requests that fall
 * due meanwhile wait in the generator, and that wait is part of their latency. A closed loop
 * (autocannon) sends nothing while it waits, so a stall costs it only the requests already on the
 * wire; here it costs every request that fell due during it, as it would cost real voters (no
 * coordinated omission).
 *
 * What the generator itself adds is measured apart, so that a slow benchmark cannot pass for a slow
 * server:
 *   - lag: how late the generator noticed that a request was due (1 ms timer resolution, its own
 *     event loop, garbage collection);
 *   - connection wait: how long a due request then waited for a free connection, all of them being
 *     busy with earlier requests. That is the server's doing, and it counts in the latency.
 *
 * The connections are plain TCP sockets with a small HTTP/1.1 response reader rather than Node's
 * http client: on 2 cores shared with the server, the client's own cost is part of what is
 * measured, and Node's client spends about four times as much CPU per request (agent bookkeeping,
 * request objects, header validation). A server that answers a batch of votes at once makes the
 * generator read them all in one go, and the cheaper that is, the less the answers wait in the
 * benchmark before they are timed.
 */
import net from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { percentile, round, sleep } from "./lib.mjs";

// The generator "kept up" when it noticed requests on time. Timers fire at 1 ms resolution, so up
// to a millisecond or so is inherent; beyond this at p99, the benchmark is adding latency.
const keptUpLagP99Ms = 3;
const lateMs = 5;
const maxHeadBytes = 64 * 1024;

/**
 * Runs connect, warm-up and a measured window at `rate` requests a second.
 *
 * @param {object} o
 * @param {string} o.baseUrl          http://127.0.0.1:<port>
 * @param {number} o.rate             requests a second, offered whatever the server does
 * @param {number} o.connections      keep-alive connections, opened before the first request
 * @param {number} o.warmupS          seconds at the same rate before the window, not measured
 * @param {number} o.seconds          the measured window
 * @param {() => {method: string, path: string, headers: Record<string, string>, body: Buffer | string}} o.nextRequest
 * @param {number} o.ok               the status that counts as success
 * @param {string} o.connectPath      a cheap GET answered 200, sent once on every connection first
 * @param {number} o.requestTimeoutS  a request unanswered this long after it was sent is given up
 * @param {number} o.drainLimitS      after the window, how long due requests may still be sent
 * @param {number} o.connectMaxS      how long opening the connections may take
 * @param {() => void} [o.onWindowStart]
 * @param {() => void} [o.onWindowEnd]
 */
export async function pacedLoad(o) {
  const { rate, connections, warmupS, seconds } = o;
  const url = new URL(o.baseUrl);
  const target = { host: url.hostname, port: Number(url.port), hostHeader: url.host };
  // `stopped`: after the drain limit, or once the run is over, nothing more is sent or reopened.
  const pool = { all: new Set(), opened: 0, closedDuringRun: 0, stopped: false };
  let timeoutSweep = null;

  try {
    const connect = await openConnections(o, target, pool);

    // The schedule. Everything per request lives in preallocated arrays indexed by its number.
    const interval = 1000 / rate;
    const warmupCount = Math.round(rate * warmupS);
    const total = warmupCount + Math.round(rate * seconds);
    const dueSeenAt = new Float64Array(total); // when the generator found it due
    const sentAt = new Float64Array(total);
    const answeredAt = new Float64Array(total);
    const status = new Uint16Array(total); // 0: no (complete) answer
    const waited = new Uint8Array(total); // 1: found no free connection when it fell due
    const windowConnections = new Set();
    const requestErrors = { warmup: {}, window: {} };
    // Idle connections, longest idle first: the load rotates over all of them, as it would over
    // that many voters' phones, instead of reusing the few that happened to answer last.
    for (const conn of pool.all) if (!conn.usable) pool.all.delete(conn);
    const idle = [...pool.all];
    let next = 0; // the next request not yet due
    let sendNext = 0; // the next due request not yet sent; due ones wait in order
    let inFlight = 0;
    let settled = 0;
    let okAnsweredInWindowTime = 0;
    let sentInWindowTime = 0;
    let reopening = 0;
    let windowStartedAt = null;
    let windowEndedAt = null;
    let tickAt = -1; // the running tick's time, while it sends what it found due; else -1
    let resolveSettled;
    const allSettled = new Promise((resolve) => (resolveSettled = resolve));
    let resolveWindowOver;
    const windowOver = new Promise((resolve) => (resolveWindowOver = resolve));

    const t0 = performance.now() + 20;
    const dueAt = (i) => t0 + i * interval;
    const windowStart = dueAt(warmupCount);
    const windowEnd = t0 + (warmupS + seconds) * 1000;
    const inWindow = (i) => i >= warmupCount;
    const inWindowTime = (t) => windowStartedAt != null && windowEndedAt == null && t >= windowStartedAt;

    const settle = () => {
      inFlight--;
      settled++;
      if (settled === total) resolveSettled();
    };
    const onAnswer = (conn, i, code) => {
      const t = performance.now();
      answeredAt[i] = t;
      status[i] = code;
      if (code === o.ok && inWindowTime(t)) okAnsweredInWindowTime++;
      settle();
      if (conn.usable) idle.push(conn);
      dispatch();
    };
    const onFailure = (i, message) => {
      const errors = requestErrors[inWindow(i) ? "window" : "warmup"];
      errors[message] = (errors[message] ?? 0) + 1;
      settle();
    };
    // A connection that closed (the server's choice, or an error) is replaced, so that the run
    // keeps `connections` of them; the report says how many were.
    const onClosed = (conn) => {
      pool.all.delete(conn);
      const at = idle.indexOf(conn);
      if (at >= 0) idle.splice(at, 1);
      if (pool.stopped) return;
      pool.closedDuringRun++;
      reopening++;
      const fresh = new Connection(target, { onAnswer, onFailure, onClosed });
      pool.all.add(fresh);
      pool.opened++;
      fresh.ready.then((ok) => {
        reopening--;
        if (ok && fresh.usable) idle.push(fresh);
        dispatch();
      });
    };
    for (const conn of pool.all) Object.assign(conn.handlers, { onAnswer, onFailure, onClosed });

    const send = (i, conn) => {
      const now = performance.now();
      sentAt[i] = now;
      inFlight++;
      if (inWindowTime(now)) sentInWindowTime++;
      if (inWindow(i)) windowConnections.add(conn);
      // Sent in the same tick that found it due, or later, when a connection came free.
      if (dueSeenAt[i] !== tickAt) waited[i] = 1;
      conn.send(i, requestText(o.nextRequest(), target.hostHeader), now);
    };
    const dispatch = () => {
      while (!pool.stopped && sendNext < next && idle.length) {
        const conn = idle.shift();
        if (conn.usable) send(sendNext++, conn);
      }
    };

    // A request that has had no answer for `requestTimeoutS` since it was sent is given up: its
    // connection is closed (the answer can no longer be told apart from the next one's).
    timeoutSweep = setInterval(() => {
      const limit = performance.now() - o.requestTimeoutS * 1000;
      for (const conn of pool.all) if (conn.current >= 0 && conn.sentAt < limit) conn.fail("timeout");
    }, 250);

    // The generator's own event loop, at 1 ms resolution: if it stalls, requests leave late.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    let benchCpu = null;
    let benchCpuMs = null;
    let loopStats = null;
    const startWindow = () => {
      windowStartedAt = performance.now();
      o.onWindowStart?.();
      loop.enable();
      benchCpu = process.cpuUsage();
    };
    const endWindow = () => {
      if (windowStartedAt == null) startWindow();
      windowEndedAt = performance.now();
      o.onWindowEnd?.();
      loop.disable();
      const cpu = process.cpuUsage(benchCpu);
      benchCpuMs = (cpu.user + cpu.system) / 1000;
      loopStats = { p99: round(loop.percentile(99) / 1e6, 2), max: round(loop.max / 1e6, 2) };
      resolveWindowOver();
    };
    const tick = () => {
      const now = performance.now();
      if (windowStartedAt == null && now >= windowStart) startWindow();
      // Everything due by now joins the queue, stamped with the moment it was noticed.
      while (next < total && dueAt(next) <= now) dueSeenAt[next++] = now;
      tickAt = now;
      dispatch();
      tickAt = -1;
      if (next < total) setTimeout(tick, Math.max(0, dueAt(next) - performance.now()));
      else setTimeout(endWindow, Math.max(0, windowEnd - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));

    // The drain: due requests still waiting or in flight are seen through, for up to
    // `drainLimitS` after the window; then those not yet sent are dropped (counted as errors) and
    // those in flight are awaited, each at most its own timeout.
    const drainDeadline = windowEnd + o.drainLimitS * 1000;
    await windowOver;
    if (settled < total) {
      let deadline;
      await Promise.race([allSettled, new Promise((resolve) => (deadline = setTimeout(resolve, Math.max(0, drainDeadline - performance.now()))))]);
      clearTimeout(deadline);
    }
    let notSent = 0;
    if (settled < total) {
      pool.stopped = true;
      notSent = total - sendNext;
      settled += notSent;
      const giveUpAt = performance.now() + (o.requestTimeoutS + 2) * 1000;
      while (settled < total && performance.now() < giveUpAt) await sleep(50);
      for (const conn of pool.all) if (conn.current >= 0) conn.fail("gave up after the drain");
    }
    const finishedAt = performance.now();
    const windowMs = windowEndedAt - windowStartedAt;

    const part = (from, to) => {
      const statuses = {};
      let sent = 0;
      let answered = 0;
      for (let i = from; i < to; i++) {
        if (sentAt[i]) sent++;
        if (status[i]) {
          answered++;
          statuses[status[i]] = (statuses[status[i]] ?? 0) + 1;
        }
      }
      const acknowledged = statuses[o.ok] ?? 0;
      const unanswered = sent - answered;
      const dropped = to - from - sent;
      return { scheduled: to - from, sent, answered, statuses, acknowledged, unanswered, notSent: dropped, errors: answered - acknowledged + unanswered + dropped };
    };
    const warmup = part(0, warmupCount);
    const window = part(warmupCount, total);

    const n = total - warmupCount;
    const latency = new Float64Array(n);
    const service = new Float64Array(n);
    const lag = new Float64Array(n);
    const wait = new Float64Array(n);
    let answered = 0;
    let sentCount = 0;
    let waitedCount = 0;
    let late = 0;
    for (let i = warmupCount; i < total; i++) {
      const k = i - warmupCount;
      lag[k] = dueSeenAt[i] - dueAt(i);
      if (lag[k] > lateMs) late++;
      if (sentAt[i]) {
        wait[sentCount++] = sentAt[i] - dueSeenAt[i];
        waitedCount += waited[i];
      }
      if (status[i]) {
        latency[answered] = answeredAt[i] - dueAt(i);
        service[answered] = answeredAt[i] - sentAt[i];
        answered++;
      }
    }
    const lagMs = stats(lag, n);

    // Latency over the window by due time, in 250 ms steps: a stall that comes back at a steady
    // beat (a timer, a checkpoint, garbage collection) shows as a pattern here. In the JSON only.
    const stepMs = 250;
    const timeline = Array.from({ length: Math.ceil((seconds * 1000) / stepMs) }, (_, k) => ({ atS: (k * stepMs) / 1000, votes: 0, maxMs: 0 }));
    for (let i = warmupCount; i < total; i++) {
      const step = timeline[Math.min(timeline.length - 1, Math.floor((dueAt(i) - windowStart) / stepMs))];
      step.votes++;
      if (status[i]) step.maxMs = Math.max(step.maxMs, round(answeredAt[i] - dueAt(i), 1));
    }

    return {
      rate,
      connect,
      warmup: { seconds: round(warmupS, 2), ...warmup, requestErrors: requestErrors.warmup },
      ...window,
      requestErrors: requestErrors.window,
      requestErrorCount: Object.values(requestErrors.window).reduce((a, b) => a + b, 0),
      seconds: round(windowMs / 1000, 2),
      drainSeconds: round((finishedAt - windowEndedAt) / 1000, 2),
      // Answers and sends that happened inside the window, whichever request they belonged to:
      // the same definition of votes/s as the closed loop's.
      votesPerSecond: round(okAnsweredInWindowTime / (windowMs / 1000), 0),
      sentPerSecond: round(sentInWindowTime / (windowMs / 1000), 0),
      acknowledgedInWindow: okAnsweredInWindowTime,
      // From the moment each request was due: what a voter arriving then would have waited.
      latencyMs: stats(latency, answered),
      // From the moment each request was sent, as a closed loop measures it.
      serviceMs: stats(service, answered),
      generator: {
        lagMs,
        lateOver5Ms: late,
        keptUp: lagMs.p99 != null && lagMs.p99 <= keptUpLagP99Ms,
        keptUpRule: `lag p99 <= ${keptUpLagP99Ms} ms`,
        eventLoopMs: loopStats,
        cpuPercent: benchCpuMs != null && windowMs > 0 ? round((benchCpuMs / windowMs) * 100) : null,
      },
      connectionWait: { votes: waitedCount, ms: stats(wait, sentCount) },
      timeline,
      connections: {
        requested: connections,
        opened: pool.opened,
        inPlay: windowConnections.size,
        // Closed by the server or broken during the votes; each was replaced by a new one.
        closedDuringRun: pool.closedDuringRun,
        stillReopening: reopening,
      },
    };
  } finally {
    pool.stopped = true;
    if (timeoutSweep) clearInterval(timeoutSweep);
    for (const conn of pool.all) conn.close();
  }
}

function stats(values, count) {
  const sorted = values.subarray(0, count).sort();
  return {
    p50: round(percentile(sorted, 50), 2),
    p90: round(percentile(sorted, 90), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(percentile(sorted, 100), 2),
    mean: count ? round(sorted.reduce((a, b) => a + b, 0) / count, 2) : null,
  };
}

/** A whole HTTP/1.1 request as one string, so that it leaves in one write. */
function requestText(req, hostHeader) {
  const body = typeof req.body === "string" ? req.body : (req.body?.toString("latin1") ?? "");
  let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${hostHeader}\r\n`;
  for (const [name, value] of Object.entries(req.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (body || req.method !== "GET") head += `Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n`;
  return `${head}\r\n${body}`;
}

/**
 * Opens `connections` connections and sends GET `connectPath` on each, until every one has been
 * answered 200: a connection the server has answered is one it has accepted, so all of them are in
 * play before the first vote. Node accepts one new connection per turn of its event loop, which an
 * idle server turns quickly. A connection that fails is replaced, once a second, until
 * `connectMaxS` has passed.
 */
async function openConnections(o, target, pool) {
  const started = performance.now();
  const statuses = {};
  let sent = 0;
  let ok = 0;
  const one = () =>
    new Promise((resolve) => {
      sent++;
      const conn = new Connection(target, {
        onAnswer: (_conn, _i, code) => {
          clearTimeout(timer);
          statuses[code] = (statuses[code] ?? 0) + 1;
          if (code === 200 && conn.usable) resolve(conn);
          else {
            conn.close();
            resolve(null);
          }
        },
        onFailure: () => {
          clearTimeout(timer);
          resolve(null);
        },
        onClosed: () => {
          clearTimeout(timer);
          resolve(null);
        },
      });
      pool.opened++;
      // A connection that is not open and answered within the request timeout is given up on.
      const timer = setTimeout(() => conn.fail("timeout"), o.requestTimeoutS * 1000);
      conn.ready.then((up) => {
        if (up) conn.send(HELLO, requestText({ method: "GET", path: o.connectPath }, target.hostHeader), performance.now());
        else resolve(null);
      });
    });
  let pending = o.connections;
  while (pending > 0 && performance.now() - started < o.connectMaxS * 1000) {
    const opened = (await Promise.all(Array.from({ length: pending }, one))).filter(Boolean);
    for (const conn of opened) pool.all.add(conn);
    ok += opened.length;
    pending -= opened.length;
    if (pending > 0) await sleep(1000);
  }
  return {
    seconds: round((performance.now() - started) / 1000, 2),
    connectionsInPlay: pool.all.size,
    sent,
    answered: ok,
    statuses,
    errors: sent - ok,
  };
}

// What a connection carries: a request's number, or one of these.
const IDLE = -1;
const HELLO = -2; // the GET sent once on a new connection, before any vote

/**
 * One keep-alive connection carrying one request at a time, with just enough of an HTTP/1.1
 * response reader for what a server may answer: a status line and headers, then a body framed by
 * Content-Length, by chunked encoding, or by the end of the connection.
 */
class Connection {
  constructor(target, handlers) {
    this.handlers = handlers;
    this.current = IDLE;
    this.sentAt = 0;
    this.usable = false;
    this.buffer = "";
    this.state = "head";
    this.remaining = 0;
    this.code = 0;
    this.closeAfter = false;
    this.error = null;
    this.socket = net.connect({ host: target.host, port: target.port });
    this.socket.setNoDelay(true);
    this.socket.setEncoding("latin1"); // one character per byte, so lengths count bytes
    this.ready = new Promise((resolve) => {
      this.socket.once("connect", () => {
        this.usable = true;
        resolve(true);
      });
      this.socket.once("close", () => resolve(false));
    });
    this.socket.on("data", (text) => this.read(text));
    this.socket.on("error", (error) => (this.error = error.code ?? error.message));
    this.socket.on("close", () => this.closed());
  }

  send(i, text, now) {
    this.current = i;
    this.sentAt = now;
    this.state = "head";
    this.socket.write(text, "latin1");
  }

  read(text) {
    this.buffer += text;
    while (this.buffer.length) {
      if (this.current === IDLE) return this.fail("data with no request");
      if (this.state === "head") {
        const end = this.buffer.indexOf("\r\n\r\n");
        if (end < 0) {
          if (this.buffer.length > maxHeadBytes) this.fail("response head too long");
          return;
        }
        const lines = this.buffer.slice(0, end).split("\r\n");
        this.buffer = this.buffer.slice(end + 4);
        const statusLine = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0]);
        if (!statusLine) return this.fail("malformed response");
        this.code = Number(statusLine[2]);
        if (this.code < 200) continue; // an interim answer; the real one follows
        let length = null;
        let chunked = false;
        let connection = statusLine[1] === "0" ? "close" : "keep-alive";
        for (let k = 1; k < lines.length; k++) {
          const colon = lines[k].indexOf(":");
          const name = lines[k].slice(0, colon).trim().toLowerCase();
          const value = lines[k].slice(colon + 1).trim().toLowerCase();
          if (name === "content-length") length = Number(value);
          else if (name === "transfer-encoding") chunked = value.split(",").some((v) => v.trim() === "chunked");
          else if (name === "connection") connection = value;
        }
        this.closeAfter = connection.split(",").some((v) => v.trim() === "close");
        if (this.code === 204 || this.code === 304) this.complete();
        else if (chunked) this.state = "chunk-size";
        else if (length === null) this.state = "until-close";
        else if (!(Number.isInteger(length) && length >= 0)) return this.fail("malformed response");
        else if (length === 0) this.complete();
        else {
          this.remaining = length;
          this.state = "body";
        }
      } else if (this.state === "body" || this.state === "chunk-data") {
        const take = Math.min(this.remaining, this.buffer.length);
        this.buffer = this.buffer.slice(take);
        this.remaining -= take;
        if (this.remaining > 0) return;
        if (this.state === "body") this.complete();
        else this.state = "chunk-size";
      } else if (this.state === "chunk-size") {
        const end = this.buffer.indexOf("\r\n");
        if (end < 0) return;
        const size = parseInt(this.buffer.slice(0, end), 16);
        this.buffer = this.buffer.slice(end + 2);
        if (!(size >= 0)) return this.fail("malformed chunk");
        if (size === 0) this.state = "trailer";
        else {
          this.remaining = size + 2; // the data and its CRLF
          this.state = "chunk-data";
        }
      } else if (this.state === "trailer") {
        const end = this.buffer.indexOf("\r\n");
        if (end < 0) return;
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        if (line === "") this.complete();
      } else {
        this.buffer = ""; // until-close: the body ends with the connection
        return;
      }
    }
  }

  complete() {
    const i = this.current;
    this.current = IDLE;
    this.state = "head";
    if (this.closeAfter) {
      this.usable = false;
      this.socket.end();
    }
    this.handlers.onAnswer(this, i, this.code);
  }

  /** Gives up the request on the wire, if any, and closes the connection. */
  fail(message) {
    const i = this.current;
    this.current = IDLE;
    this.usable = false;
    this.socket.destroy();
    if (i !== IDLE) this.handlers.onFailure(i, message);
  }

  closed() {
    this.usable = false;
    if (this.current !== IDLE) {
      if (this.state === "until-close") this.complete(); // the end of the connection ended the answer
      else {
        const i = this.current;
        this.current = IDLE;
        this.handlers.onFailure(i, this.error ?? (this.state === "head" ? "connection closed" : "answer cut off"));
      }
    }
    this.handlers.onClosed(this);
  }

  close() {
    this.usable = false;
    this.socket.destroy();
  }
}
