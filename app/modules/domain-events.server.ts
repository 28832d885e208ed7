/**
 * Named domain events. A command writes, then publishes what happened; side effects (realtime
 * broadcast, notifications, logs) subscribe here instead of living inside the write.
 */
import { EventEmitter } from "node:events";
import type { ConsultationStatus } from "./consultations/lifecycle.ts";
import type { OwnHeldComment, SequencedEvent } from "./realtime/events.ts";

export type DomainEvents = {
  "consultation.statusChanged": {
    consultationId: string;
    from: ConsultationStatus;
    to: ConsultationStatus;
    actorId: string | null;
  };
  "consultation.updated": { consultationId: string; actorId: string };
  /** A public event has been committed to a consultation's log. */
  "realtime.event": SequencedEvent;
  /** A contribution is held for review: its author and the moderators are told, nobody else. */
  "moderation.held": { municipalityId: string; participantId: string | null; comment: OwnHeldComment | null };
  /** A poll's tallies or status changed; live results are pushed, coalesced. */
  "poll.voted": { pollId: string; consultationId: string };
  /** Coalesced tallies of a poll, ready for the open pages. */
  "poll.results": { pollId: string; status: string; totalVoters: number; votes: Record<string, number> | null };
  /** The moderation queue changed (held, reported, decided). */
  "moderation.changed": { municipalityId: string };
};

type Listener<K extends keyof DomainEvents> = (event: DomainEvents[K]) => void;

const emitter = new EventEmitter();
emitter.setMaxListeners(50);

export function publish<K extends keyof DomainEvents>(name: K, event: DomainEvents[K]) {
  // A failing side effect must never undo or fail the write that already happened.
  for (const listener of emitter.listeners(name)) {
    try {
      (listener as Listener<K>)(event);
    } catch (error) {
      console.error(`[events] listener for ${name} failed`, error);
    }
  }
}

export function subscribe<K extends keyof DomainEvents>(name: K, listener: Listener<K>) {
  emitter.on(name, listener);
  return () => emitter.off(name, listener);
}
