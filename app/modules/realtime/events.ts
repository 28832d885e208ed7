/**
 * The typed map of events the browser can receive. Shared by the socket server and the subscribe
 * hook, so a renamed field breaks the build rather than a live page.
 */
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";

/** A comment as every reader may see it. Hidden ones keep their place with a placeholder. */
export type PublicComment = {
  id: string;
  parentId: string | null;
  authorName: string;
  /** Null for citizens; the staff role for official answers. */
  authorRole: string | null;
  authorTitle: string | null;
  /** Null unless the comment is published. */
  body: string | null;
  /** published; hidden by a moderator (with the rule); pending review after reports; deleted by its author. */
  state: "published" | "hidden" | "pending" | "deleted";
  hiddenRule: number | null;
  supportCount: number;
  createdAt: string;
};

/** The author's own comment that awaits review: only ever sent to the author's device. */
export type OwnHeldComment = Omit<PublicComment, "state"> & { state: "held"; clientId: string };

export type DiscussionSettings = { slowModeMinutes: number; paused: boolean; pauseMessage: string | null };

/** Public events of a consultation, numbered per consultation without gaps. */
export type ConsultationEvent =
  | { type: "comment.upsert"; comment: PublicComment }
  | { type: "comment.support"; commentId: string; supportCount: number }
  | { type: "consultation.status"; status: ConsultationStatus }
  | { type: "discussion.settings"; settings: DiscussionSettings };

export type SequencedEvent = ConsultationEvent & { seq: number; consultationId: string };

export type CatchUp = { events: SequencedEvent[]; lastSeq: number; complete: boolean };

export type ServerToClientEvents = {
  "consultation:event": (event: SequencedEvent) => void;
  "discussion:own": (comment: OwnHeldComment) => void;
  "moderation:changed": () => void;
  "poll:results": (results: { pollId: string; status: string; totalVoters: number; votes: Record<string, number> | null }) => void;
  /** The server is going away for a restart: reconnect after about `retryInMs`; nothing is lost meanwhile. */
  "server:restarting": (hint: { retryInMs: number }) => void;
};

export type ClientToServerEvents = {
  /** Join a consultation's room and receive what happened after `afterSeq`. */
  "consultation:join": (request: { consultationId: string; afterSeq: number }, ack?: (catchUp: CatchUp) => void) => void;
  "consultation:leave": (consultationId: string) => void;
  "moderation:join": (ack?: (ok: boolean) => void) => void;
  "poll:join": (pollId: string) => void;
  "poll:leave": (pollId: string) => void;
};

export const consultationRoom = (consultationId: string) => `consultation:${consultationId}`;
export const deviceRoom = (participantId: string) => `device:${participantId}`;
export const pollRoom = (pollId: string) => `poll:${pollId}`;
export const moderationRoom = (municipalityId: string) => `moderation:${municipalityId}`;
