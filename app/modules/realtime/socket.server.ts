/**
 * The socket.io side of realtime: one room per consultation, one per device (for the author's own
 * comments that await review) and one per municipality's moderators. Committed public events are
 * broadcast with their sequence number; a joining page first receives what it missed.
 */
import type { Server } from "socket.io";
import { subscribe } from "~/modules/domain-events.server.ts";
import { participantIdFromCookieHeader } from "~/modules/participants/device.server.ts";
import { getStaffUser } from "~/modules/auth/session.server.ts";
import { can } from "~/modules/auth/roles.ts";
import { eventsSince } from "./event-log.server.ts";
import {
  consultationRoom,
  deviceRoom,
  moderationRoom,
  pollRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "./events.ts";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

const idPattern = /^[a-z0-9]{8,40}$/i;

export function attachRealtime(io: RealtimeServer) {
  io.on("connection", async (socket) => {
    const cookie = socket.handshake.headers.cookie ?? null;
    const participantId = await participantIdFromCookieHeader(cookie).catch(() => null);
    if (participantId) void socket.join(deviceRoom(participantId));

    // Payloads come from anyone: anything malformed is ignored rather than trusted.
    socket.on("consultation:join", async (request, ack) => {
      const id = request?.consultationId;
      if (typeof id !== "string" || !idPattern.test(id)) return;
      const afterSeq = Number.isFinite(request.afterSeq) ? Number(request.afterSeq) : 0;
      // Join first, then read: an event committed in between arrives twice, never zero times.
      await socket.join(consultationRoom(id));
      const catchUp = await eventsSince(id, afterSeq).catch(() => ({ events: [], lastSeq: afterSeq, complete: false }));
      if (typeof ack === "function") ack(catchUp);
    });
    socket.on("consultation:leave", (id) => {
      if (typeof id === "string" && idPattern.test(id)) void socket.leave(consultationRoom(id));
    });
    socket.on("poll:join", (id) => {
      if (typeof id === "string" && idPattern.test(id)) void socket.join(pollRoom(id));
    });
    socket.on("poll:leave", (id) => {
      if (typeof id === "string" && idPattern.test(id)) void socket.leave(pollRoom(id));
    });
    socket.on("moderation:join", async (ack) => {
      const user = await getStaffUser(new Request("http://socket.local/", { headers: cookie ? { cookie } : {} })).catch(() => null);
      const allowed = !!user && can(user.role, "moderation:act");
      if (allowed) await socket.join(moderationRoom(user.municipalityId));
      if (typeof ack === "function") ack(allowed);
    });
  });

  const unsubscribers = [
    subscribe("realtime.event", (event) => {
      io.to(consultationRoom(event.consultationId)).emit("consultation:event", event);
    }),
    subscribe("moderation.held", ({ participantId, comment }) => {
      if (participantId && comment) io.to(deviceRoom(participantId)).emit("discussion:own", comment);
    }),
    subscribe("poll.results", (results) => {
      io.to(pollRoom(results.pollId)).emit("poll:results", results);
    }),
    subscribe("moderation.changed", ({ municipalityId }) => {
      io.to(moderationRoom(municipalityId)).emit("moderation:changed");
    }),
  ];
  return () => unsubscribers.forEach((off) => off());
}

/**
 * Shutdown: tells every open page that the server is restarting, then closes each connection once
 * that hint has left its buffer. The client sees its transport close (not a server-side disconnect,
 * after which socket.io would not reconnect on its own), so it reconnects by itself, and on the new
 * server it catches up from the last event number it saw. Resolves when every connection is closed
 * or after `waitMs`.
 */
export function announceRestart(io: RealtimeServer, { retryInMs = 2000, waitMs = 1000 } = {}): Promise<void> {
  // Only this process's pages: with several processes (REDIS_URL) a plain emit would reach the
  // pages of the others too, which are not going anywhere.
  io.local.emit("server:restarting", { retryInMs });
  const clients = Object.values((io.engine as unknown as { clients: Record<string, EngineClient> }).clients ?? {});
  const closed = clients.map(
    (client) =>
      new Promise<void>((resolve) => {
        if (client.readyState === "closed") return resolve();
        client.once("close", () => resolve());
        // Without discarding: the hint in the buffer is sent first.
        client.close();
      }),
  );
  return Promise.race([Promise.all(closed).then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref())]);
}

type EngineClient = { readyState: string; once(event: "close", listener: () => void): void; close(): void };
