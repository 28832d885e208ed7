/**
 * The socket.io side of realtime: one room per consultation. Domain events are broadcast to the
 * room of the consultation they concern; clients only choose which rooms to listen to.
 */
import type { Server } from "socket.io";
import { subscribe } from "~/modules/domain-events.server.ts";
import { consultationRoom, type ClientToServerEvents, type ServerToClientEvents } from "./events.ts";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

const idPattern = /^[a-z0-9]{8,40}$/i;

export function attachRealtime(io: RealtimeServer) {
  io.on("connection", (socket) => {
    // Payloads come from anyone: anything but a plausible id is ignored rather than trusted.
    socket.on("consultation:join", async (id, ack) => {
      if (typeof id !== "string" || !idPattern.test(id)) return;
      await socket.join(consultationRoom(id));
      if (typeof ack === "function") ack();
    });
    socket.on("consultation:leave", (id) => {
      if (typeof id === "string" && idPattern.test(id)) void socket.leave(consultationRoom(id));
    });
  });

  const unsubscribers = [
    subscribe("consultation.statusChanged", ({ consultationId, to }) => {
      io.to(consultationRoom(consultationId)).emit("consultation:status", { consultationId, status: to });
    }),
  ];
  return () => unsubscribers.forEach((off) => off());
}
