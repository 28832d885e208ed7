/**
 * The per-consultation log of public events. An event is written in the same transaction as the
 * change it reports and numbered without gaps, so a page that was away (offline, asleep, server
 * restart) asks for everything after the last number it saw and misses nothing.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { publish } from "~/modules/domain-events.server.ts";
import type { CatchUp, ConsultationEvent, SequencedEvent } from "./events.ts";

type Tx = Prisma.TransactionClient;

/** Appends an event inside the caller's transaction; returns it with its number. */
export async function appendEvent(tx: Tx, consultationId: string, event: ConsultationEvent): Promise<SequencedEvent> {
  const { lastEventSeq: seq } = await tx.consultation.update({
    where: { id: consultationId },
    data: { lastEventSeq: { increment: 1 } },
    select: { lastEventSeq: true },
  });
  await tx.realtimeEvent.create({
    data: { consultationId, seq, type: event.type, payload: JSON.stringify(event) },
  });
  return { ...event, seq, consultationId };
}

/** Broadcast after commit: listeners must never see an event whose change was rolled back. */
export function announce(events: SequencedEvent[]) {
  for (const event of events) publish("realtime.event", event);
}

const maxCatchUp = 500;

export async function eventsSince(consultationId: string, afterSeq: number): Promise<CatchUp> {
  const rows = await prisma.realtimeEvent.findMany({
    where: { consultationId, seq: { gt: Math.max(0, Math.floor(afterSeq)) } },
    orderBy: { seq: "asc" },
    take: maxCatchUp + 1,
    select: { seq: true, payload: true },
  });
  const events = rows.slice(0, maxCatchUp).map((r) => ({ ...(JSON.parse(r.payload) as ConsultationEvent), seq: r.seq, consultationId }));
  const lastSeq = events.at(-1)?.seq ?? afterSeq;
  // Too far behind: the page reloads instead of replaying a long history.
  return { events, lastSeq, complete: rows.length <= maxCatchUp };
}
