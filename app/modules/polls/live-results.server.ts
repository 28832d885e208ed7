/**
 * Live poll results, coalesced: however fast votes arrive, each poll's tallies are pushed at most
 * a few times a second, so a class of 30 voting at once costs a handful of broadcasts, not 30.
 */
import { subscribe, publish } from "~/modules/domain-events.server.ts";
import { getPublicPoll, getTallies } from "./polls.server.ts";

export const pushIntervalMs = 250;

export type PollResultsEvent = {
  pollId: string;
  status: string;
  totalVoters: number;
  /** Null while the poll hides its results. */
  votes: Record<string, number> | null;
};

export function startLiveResults() {
  const pending = new Map<string, NodeJS.Timeout>();
  const lastPush = new Map<string, number>();

  const push = async (pollId: string) => {
    pending.delete(pollId);
    lastPush.set(pollId, Date.now());
    const [poll, tallies] = await Promise.all([getPublicPoll(pollId), getTallies(pollId)]);
    if (!poll) return;
    publish("poll.results", {
      pollId,
      status: poll.status,
      totalVoters: tallies.totalVoters,
      votes: poll.resultsVisible ? tallies.votes : null,
    });
  };

  const off = subscribe("poll.voted", ({ pollId }) => {
    if (pending.has(pollId)) return;
    const wait = Math.max(0, pushIntervalMs - (Date.now() - (lastPush.get(pollId) ?? 0)));
    const timer = setTimeout(() => void push(pollId).catch((error) => console.error("[polls] live push failed", error)), wait);
    timer.unref();
    pending.set(pollId, timer);
  });
  return () => {
    off();
    pending.forEach((t) => clearTimeout(t));
  };
}
