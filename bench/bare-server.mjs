/**
 * The baseline for the realtime benchmark: plain http + socket.io on one port, no Remix, no
 * database, no screening. POST /post with the same form the app takes broadcasts an event shaped
 * like the app's "comment.upsert" to the room. The socket.io options mirror server/index.mjs
 * (connection-state recovery included), so the ratio APP/BASELINE shows what the app adds on top
 * of socket.io itself, not the cost of a different socket.io set-up.
 */
import http from "node:http";
import { Server } from "socket.io";
import { startLoopMonitor } from "./loop-monitor.mjs";

startLoopMonitor();

const port = Number(process.env.PORT);
const roomId = process.env.BENCH_ROOM_ID ?? "barebenchroom01";
const room = `consultation:${roomId}`;
const maxBody = 64 * 1024;
let seq = 0;

const server = http.createServer((req, res) => {
  const json = (status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-store" });
    res.end(text);
  };
  if (req.method === "GET" && req.url === "/healthz") return json(200, { status: "ok" });
  if (req.method !== "POST" || req.url !== "/post") return json(404, { error: "not_found" });

  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > maxBody) req.destroy();
    else chunks.push(chunk);
  });
  req.on("end", () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const body = (form.get("body") ?? "").trim();
    if (!body) return json(400, { ok: false, errors: { body: "validation.bodyRequired" } });
    seq += 1;
    // Same fields as the app's PublicComment inside a SequencedEvent, so both servers encode and
    // send a payload of about the same size.
    const comment = {
      id: `bare${seq.toString(36).padStart(21, "0")}`,
      parentId: null,
      authorName: form.get("displayName") ?? "",
      authorRole: null,
      authorTitle: null,
      body,
      state: "published",
      hiddenRule: null,
      supportCount: 0,
      createdAt: new Date().toISOString(),
    };
    io.to(room).emit("consultation:event", { type: "comment.upsert", comment, seq, consultationId: roomId });
    json(201, { intent: "comment", ok: true, held: false, commentId: comment.id, comment });
  });
});

const io = new Server(server, {
  serveClient: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
});

io.on("connection", (socket) => {
  // Clients are in the room from the start; the join event is answered like the app's, so the
  // benchmark's client code is the same for both servers.
  void socket.join(room);
  socket.on("consultation:join", (request, ack) => {
    if (typeof request?.consultationId === "string") void socket.join(`consultation:${request.consultationId}`);
    if (typeof ack === "function") ack({ events: [], lastSeq: seq, complete: true });
  });
});

server.listen(port, "127.0.0.1", () => console.log(`bare server on http://127.0.0.1:${port}`));

function shutdown() {
  io.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
