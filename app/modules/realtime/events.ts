/**
 * The typed map of events the browser can receive. Shared by the socket server and the subscribe
 * hook, so a renamed field breaks the build rather than a live page.
 */
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";

export type ServerToClientEvents = {
  "consultation:status": (payload: { consultationId: string; status: ConsultationStatus }) => void;
};

export type ClientToServerEvents = {
  /** The optional acknowledgement is called once the socket is in the room. */
  "consultation:join": (consultationId: string, ack?: () => void) => void;
  "consultation:leave": (consultationId: string) => void;
};

export const consultationRoom = (consultationId: string) => `consultation:${consultationId}`;
