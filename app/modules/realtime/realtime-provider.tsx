/**
 * One socket per browser tab, opened after hydration; pages subscribe to the events of the
 * consultation they show. Without JavaScript the pages still work: this only adds liveness.
 */
import { createContext, useContext, useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events.ts";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RealtimeContext = createContext<ClientSocket | null>(null);

export function RealtimeProvider({ children }: { children: React.ReactNode }) {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  useEffect(() => {
    // WebSocket first: it needs no sticky sessions when several servers run behind a balancer.
    const s: ClientSocket = io({ transports: ["websocket", "polling"] });
    setSocket(s);
    return () => {
      s.close();
    };
  }, []);
  return <RealtimeContext.Provider value={socket}>{children}</RealtimeContext.Provider>;
}

export function useSocket() {
  return useContext(RealtimeContext);
}

/** Listens to one consultation's room while the component is mounted. */
export function useConsultationEvent<E extends keyof ServerToClientEvents>(
  consultationId: string,
  event: E,
  handler: ServerToClientEvents[E],
) {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    // The page says when it is live, for assistive technology users and for tests.
    const join = () =>
      socket.emit("consultation:join", consultationId, () => {
        document.documentElement.dataset.realtime = "joined";
      });
    const markOffline = () => {
      document.documentElement.dataset.realtime = "offline";
    };
    join();
    // Rooms are per connection: join again after every reconnect.
    socket.on("connect", join);
    socket.on("disconnect", markOffline);
    socket.on(event, handler as never);
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", markOffline);
      socket.off(event, handler as never);
      socket.emit("consultation:leave", consultationId);
    };
  }, [socket, consultationId, event, handler]);
}
