/**
 * One socket per browser tab, opened after hydration; pages subscribe to the consultation they
 * show. Without JavaScript the pages still work: this only adds liveness.
 */
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, OwnHeldComment, SequencedEvent, ServerToClientEvents } from "./events.ts";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RealtimeContext = createContext<ClientSocket | null>(null);

export function RealtimeProvider({ children }: { children: React.ReactNode }) {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  useEffect(() => {
    // WebSocket first: it needs no sticky sessions when several servers run behind a balancer.
    const s: ClientSocket = io({ transports: ["websocket", "polling"] });
    setSocket(s);
    // The browser knows at once when the network goes; waiting for a ping timeout would leave the
    // page claiming to be live for up to a minute.
    const goOffline = () => s.disconnect();
    const goOnline = () => {
      if (!s.connected) s.connect();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    // A restarting server says so before it closes the connection: socket.io reconnects on its own,
    // and waiting about as long as the server suggests spares it every open page knocking at once
    // (the client spreads the attempts by ±50 %). The usual quick retry comes back after that.
    const defaultDelay = s.io.reconnectionDelay();
    s.on("server:restarting", ({ retryInMs }) => {
      if (Number.isFinite(retryInMs) && retryInMs > 0) s.io.reconnectionDelay(Math.min(retryInMs, 30_000));
      document.documentElement.dataset.realtime = "restarting";
    });
    s.io.on("reconnect", () => s.io.reconnectionDelay(defaultDelay));
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      s.close();
    };
  }, []);
  return <RealtimeContext.Provider value={socket}>{children}</RealtimeContext.Provider>;
}

export function useSocket() {
  return useContext(RealtimeContext);
}

export type LiveState = "connecting" | "live" | "offline";

/**
 * Follows one consultation: applies every public event exactly once and in order. After any
 * disconnection (network, sleep, server restart) it asks for everything after the last number it
 * saw; a gap in the numbers triggers the same catch-up.
 */
export function useConsultationLive(
  consultationId: string,
  snapshotSeq: number,
  handlers: { onEvent: (event: SequencedEvent) => void; onOwn?: (comment: OwnHeldComment) => void },
): LiveState {
  const socket = useSocket();
  const [state, setState] = useState<LiveState>("connecting");
  const lastSeq = useRef(snapshotSeq);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  // A fresh server snapshot (after a form post or revalidation) already contains older events.
  useEffect(() => {
    if (snapshotSeq > lastSeq.current) lastSeq.current = snapshotSeq;
  }, [snapshotSeq]);

  useEffect(() => {
    if (!socket) return;
    const apply = (event: SequencedEvent) => {
      if (event.seq <= lastSeq.current) return;
      lastSeq.current = event.seq;
      handlersRef.current.onEvent(event);
    };
    const join = () => {
      socket.emit("consultation:join", { consultationId, afterSeq: lastSeq.current }, (catchUp) => {
        if (!catchUp.complete) {
          // Too much was missed to replay; the page's own render is quicker and certain.
          window.location.reload();
          return;
        }
        catchUp.events.forEach(apply);
        setState("live");
        document.documentElement.dataset.realtime = "joined";
      });
    };
    const onEvent = (event: SequencedEvent) => {
      if (event.consultationId !== consultationId) return;
      if (event.seq > lastSeq.current + 1) join();
      else apply(event);
    };
    const onDisconnect = () => {
      setState("offline");
      document.documentElement.dataset.realtime = "offline";
    };
    const onOwn = (comment: OwnHeldComment) => handlersRef.current.onOwn?.(comment);
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("consultation:event", onEvent);
    socket.on("discussion:own", onOwn);
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("consultation:event", onEvent);
      socket.off("discussion:own", onOwn);
      socket.emit("consultation:leave", consultationId);
    };
  }, [socket, consultationId]);

  return state;
}
